package cn.daiban.kernel.appointment;

import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.serialization.Revision;

/** Nobody served the booking at its time: flagged to supervision. */
@Revision("1")
public record AppointmentMissedEvent(AppointmentId appointmentId, StationCode stationCode, LocalDate date, LocalTime slotStart) {
}

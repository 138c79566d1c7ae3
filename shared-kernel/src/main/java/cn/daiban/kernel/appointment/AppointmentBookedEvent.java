package cn.daiban.kernel.appointment;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentBookedEvent(AppointmentId appointmentId, StationCode stationCode, ServiceItemCode itemCode, LocalDate date, LocalTime slotStart, LocalTime slotEnd, AppointmentKind kind, BookingChannel channel, String clientName, PhoneNumber phone, String address) {
}

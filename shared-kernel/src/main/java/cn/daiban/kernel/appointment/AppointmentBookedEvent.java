package cn.daiban.kernel.appointment;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentBookedEvent(@DataSubject AppointmentId appointmentId, StationCode stationCode, ServiceItemCode itemCode, LocalDate date, LocalTime slotStart, LocalTime slotEnd, AppointmentKind kind, BookingChannel channel, @PersonalData String clientName, @PersonalData PhoneNumber phone, @PersonalData String address) {
}

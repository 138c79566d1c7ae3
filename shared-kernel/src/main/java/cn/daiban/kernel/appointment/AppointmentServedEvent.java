package cn.daiban.kernel.appointment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentServedEvent(AppointmentId appointmentId, String outcome, String reference) {
}

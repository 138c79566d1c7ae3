package cn.daiban.kernel.appointment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentCancelledEvent(AppointmentId appointmentId, String reason) {
}

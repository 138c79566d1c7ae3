package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Only the client cancels a booking (staff may not refuse or cancel one, `003 附件3 六4`): the client's phone proves it. */
public record CancelAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, PhoneNumber clientPhone, String reason) implements AppointmentTargeted {

    public CancelAppointmentCommand {
        Require.present(appointmentId, "appointmentId");
        Require.present(clientPhone, "clientPhone");
        reason = Require.optionalText(reason, "reason", 500);
    }
}

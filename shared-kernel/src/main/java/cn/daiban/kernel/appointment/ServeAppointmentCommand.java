package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client came: the booking turns into a consultation or a delegation, which keeps the link. */
public record ServeAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, String outcome, String reference) implements AppointmentTargeted {

    public ServeAppointmentCommand {
        Require.present(appointmentId, "appointmentId");
        outcome = Require.text(outcome, "outcome", 16);
        if (!outcome.equals("CONSULTATION") && !outcome.equals("DELEGATION")) { throw new InvalidValueException("outcome", "must be CONSULTATION or DELEGATION"); }
        reference = Require.text(reference, "reference", 64);
    }
}

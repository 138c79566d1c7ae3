package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Supervision's re-check of a rectification the station marked done (复查, `000 §8.2.2`, `004 §7.2.2`): accepted
 * (closes it; {@code reason} is an optional note), or sent back with a reason and a new due date (reopens it).
 */
public record RecheckRectificationCommand(@TargetAggregateIdentifier DelegationId delegationId, Boolean accepted,
                                          String reason, LocalDate newDueDate) implements DelegationTargeted {

    public RecheckRectificationCommand {
        Require.present(delegationId, "delegationId");
        Require.present(accepted, "accepted");
        if (accepted) {
            reason = Require.optionalText(reason, "reason", 1000);
            newDueDate = null;
        } else {
            reason = Require.text(reason, "reason", 1000);
            Require.present(newDueDate, "newDueDate");
        }
    }
}

package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Not accepted, with the reason told to the complainant. */
public record DeclineComplaintCommand(@TargetAggregateIdentifier ComplaintId complaintId, String reason) implements ComplaintTargeted {

    public DeclineComplaintCommand {
        Require.present(complaintId, "complaintId");
        reason = Require.text(reason, "reason", 500);
    }
}

package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept the complaint: its time limit starts (default 5 working days). */
public record AcceptComplaintCommand(@TargetAggregateIdentifier ComplaintId complaintId) implements ComplaintTargeted {

    public AcceptComplaintCommand {
        Require.present(complaintId, "complaintId");
    }
}

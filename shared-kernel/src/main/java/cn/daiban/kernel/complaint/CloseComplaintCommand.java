package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closed and archived. */
public record CloseComplaintCommand(@TargetAggregateIdentifier ComplaintId complaintId, String archiveReference) implements ComplaintTargeted {

    public CloseComplaintCommand {
        Require.present(complaintId, "complaintId");
        archiveReference = Require.text(archiveReference, "archiveReference", 64);
    }
}

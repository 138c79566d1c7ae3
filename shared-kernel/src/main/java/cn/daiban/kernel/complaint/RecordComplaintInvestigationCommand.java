package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the investigation found. */
public record RecordComplaintInvestigationCommand(@TargetAggregateIdentifier ComplaintId complaintId, String findings) implements ComplaintTargeted {

    public RecordComplaintInvestigationCommand {
        Require.present(complaintId, "complaintId");
        findings = Require.text(findings, "findings", 2000);
    }
}

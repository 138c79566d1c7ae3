package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The finding (substantiated or not) and the measures taken. */
public record HandleComplaintCommand(@TargetAggregateIdentifier ComplaintId complaintId, String finding, String measures) implements ComplaintTargeted {

    public HandleComplaintCommand {
        Require.present(complaintId, "complaintId");
        finding = Require.text(finding, "finding", 500);
        measures = Require.text(measures, "measures", 2000);
    }
}

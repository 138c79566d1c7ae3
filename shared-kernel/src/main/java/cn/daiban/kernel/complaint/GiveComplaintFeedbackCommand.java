package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The outcome told to the complainant; in time if on or before the due date. */
public record GiveComplaintFeedbackCommand(@TargetAggregateIdentifier ComplaintId complaintId, String feedback) implements ComplaintTargeted {

    public GiveComplaintFeedbackCommand {
        Require.present(complaintId, "complaintId");
        feedback = Require.text(feedback, "feedback", 2000);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One evaluation per matter (一事一评), with attitude, quality and efficiency graded separately (`004 §7.1.2`). */
public record EvaluateDelegationCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        SatisfactionGrade overall,
        SatisfactionGrade attitude,
        SatisfactionGrade quality,
        SatisfactionGrade efficiency,
        EvaluationChannel channel,
        String comment) implements DelegationTargeted {

    public EvaluateDelegationCommand {
        Require.present(delegationId, "delegationId");
        Require.present(overall, "overall");
        Require.present(attitude, "attitude");
        Require.present(quality, "quality");
        Require.present(efficiency, "efficiency");
        Require.present(channel, "channel");
        comment = Require.optionalText(comment, "comment", 1000);
    }
}

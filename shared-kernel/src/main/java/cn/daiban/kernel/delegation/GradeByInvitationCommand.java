package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The client's own grade (一事一评, `003 三(二)3`, 国办发〔2019〕51号), sent only by the public evaluation endpoint once
 * it has checked and used the one-time code of the client's invitation: recorded with channel CLIENT. Never accepted
 * from a signed-in user (the command policy refuses it over the staff API).
 */
public record GradeByInvitationCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        SatisfactionGrade overall,
        SatisfactionGrade attitude,
        SatisfactionGrade quality,
        SatisfactionGrade efficiency,
        String comment) implements DelegationTargeted {

    public GradeByInvitationCommand {
        Require.present(delegationId, "delegationId");
        Require.present(overall, "overall");
        Require.present(attitude, "attitude");
        Require.present(quality, "quality");
        Require.present(efficiency, "efficiency");
        comment = Require.optionalText(comment, "comment", 1000);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A follow-up contact after completion (`002 一站式办理`: 办理完结后…提供跟踪服务): when ({@code contactedAt}; now when
 * absent), by which channel, and what about; who is the signed-in member of staff. Possible from completion until the
 * matter is archived. Apart from the phone follow-up (电话回访, {@link RecordPhoneFollowUpCommand}), which collects the
 * client's opinion for the satisfaction figures.
 */
public record RecordFollowUpContactCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        Instant contactedAt,
        ProgressChannel channel,
        String summary) implements DelegationTargeted {

    public RecordFollowUpContactCommand {
        Require.present(delegationId, "delegationId");
        Require.present(channel, "channel");
        summary = Require.text(summary, "summary", 1000);
    }
}

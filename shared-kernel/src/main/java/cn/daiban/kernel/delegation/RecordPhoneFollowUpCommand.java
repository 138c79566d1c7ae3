package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A phone follow-up call to the client (电话回访, `004 §7.1.3`: 通过电话回访的方式，收集统计服务对象意见), a record of its
 * own: when it was made ({@code calledAt}; now when absent), whether the client was reached and what was said. Who
 * called is the signed-in member of staff. Possible once the result is delivered, also after an evaluation exists.
 */
public record RecordPhoneFollowUpCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        Instant calledAt,
        Boolean reached,
        String summary) implements DelegationTargeted {

    public RecordPhoneFollowUpCommand {
        Require.present(delegationId, "delegationId");
        Require.present(reached, "reached");
        summary = Require.text(summary, "summary", 1000);
    }
}

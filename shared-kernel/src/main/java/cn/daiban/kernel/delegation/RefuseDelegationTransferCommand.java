package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The receiving zone or window returns a transfer waiting for it (退回转办), saying why: the matter is not within its
 * duties (`003 三(五)` 根据职责及时受理). The matter stays at the sending window and may be transferred again; the
 * refusal stays in its history for supervision.
 */
public record RefuseDelegationTransferCommand(@TargetAggregateIdentifier DelegationId delegationId, String reason)
        implements DelegationTargeted {

    public RefuseDelegationTransferCommand {
        Require.present(delegationId, "delegationId");
        reason = Require.text(reason, "reason", 500);
    }
}

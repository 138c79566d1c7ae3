package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A statutory fee of the item does not apply to this client (依法减免, e.g. an exemption the fee's own rules grant):
 * told to the client with the ground, in place of a payment (`000 §6.3.5` 对…依法缴纳的费用，应明确告知).
 */
public record RecordFeeExemptionCommand(@TargetAggregateIdentifier DelegationId delegationId, String feeName, String reason) implements DelegationTargeted {

    public RecordFeeExemptionCommand {
        Require.present(delegationId, "delegationId");
        feeName = Require.text(feeName, "feeName", 100);
        reason = Require.text(reason, "reason", 500);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tell the client a statutory fee in advance: amount, legal basis and payee come from the service item (`000 §6.3.5`). */
public record NotifyStatutoryFeeCommand(@TargetAggregateIdentifier DelegationId delegationId, String feeName) implements DelegationTargeted {

    public NotifyStatutoryFeeCommand {
        Require.present(delegationId, "delegationId");
        feeName = Require.text(feeName, "feeName", 100);
    }
}

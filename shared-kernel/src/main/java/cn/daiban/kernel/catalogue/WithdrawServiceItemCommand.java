package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an item: no new delegations for it; its history stays. */
public record WithdrawServiceItemCommand(@TargetAggregateIdentifier ServiceItemCode code, String reason) {

    public WithdrawServiceItemCommand {
        Require.present(code, "code");
        reason = Require.text(reason, "reason", 500);
    }
}

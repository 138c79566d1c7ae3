package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The receiving zone or window accepts the pending transfer and names its helper (协调联动的帮办代办员, `003 三(五)`);
 * the first receiver stays responsible.
 */
public record AcceptDelegationTransferCommand(@TargetAggregateIdentifier DelegationId delegationId,
                                              AgentId helperAgentId, String note) implements DelegationTargeted {

    public AcceptDelegationTransferCommand {
        Require.present(delegationId, "delegationId");
        Require.present(helperAgentId, "helperAgentId");
        note = Require.optionalText(note, "note", 500);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import org.axonframework.serialization.Revision;

/**
 * The matter is now at {@code toWindow}. Since transfers wait for the receiver (`003 三(五)`), this is the receiver's
 * acceptance, naming its helper ({@code helperAgentId}, by name as registered then); a transfer recorded before that
 * (moved at once) carries no helper. The first receiver stays responsible either way.
 */
@Revision("1")
public record DelegationTransferredEvent(DelegationId delegationId, String fromWindow, String toWindow, String reason,
                                         // added at the end, nullable: the receiver's helper and its note
                                         AgentId helperAgentId, String helperName, String note) {

    public DelegationTransferredEvent(DelegationId delegationId, String fromWindow, String toWindow, String reason) {
        this(delegationId, fromWindow, toWindow, reason, null, null, null);
    }
}

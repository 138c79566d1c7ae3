package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import org.axonframework.serialization.Revision;

/** The responsible agent changed; the client had been told. */
@Revision("1")
public record AgentReassignedEvent(DelegationId delegationId, AgentId previousAgentId, AgentId newAgentId, String reason) {
}

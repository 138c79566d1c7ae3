package cn.daiban.kernel.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentDeactivatedEvent(AgentId agentId, String reason) {
}

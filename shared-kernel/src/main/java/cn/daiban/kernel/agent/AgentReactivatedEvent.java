package cn.daiban.kernel.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentReactivatedEvent(AgentId agentId, String reason) {
}

package cn.daiban.kernel.agent;

import org.axonframework.serialization.Revision;

/** The agent's post (and full-time or not) as now recorded; {@code windowCode} null for the STATION post. */
@Revision("1")
public record AgentPostChangedEvent(AgentId agentId, AgentPost post, String windowCode, boolean fullTime,
                                    String reason) {
}

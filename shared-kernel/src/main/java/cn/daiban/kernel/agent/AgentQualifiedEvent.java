package cn.daiban.kernel.agent;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Assessment passed with at least one year of recorded intake experience: the agent may be responsible for matters. */
@Revision("1")
public record AgentQualifiedEvent(AgentId agentId, LocalDate qualifiedOn) {
}

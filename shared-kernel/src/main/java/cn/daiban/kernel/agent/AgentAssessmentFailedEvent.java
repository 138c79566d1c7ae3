package cn.daiban.kernel.agent;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentAssessmentFailedEvent(AgentId agentId, LocalDate date, String examiner, String note) {
}

package cn.daiban.kernel.agent;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentTrainingRecordedEvent(AgentId agentId, LocalDate date, String topic, int hours) {
}

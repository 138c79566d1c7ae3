package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A training attended (twice a year is the norm, `003 附件4 二`). */
public record RecordAgentTrainingCommand(@TargetAggregateIdentifier AgentId agentId, LocalDate date, String topic, int hours) implements AgentTargeted {

    public RecordAgentTrainingCommand {
        Require.present(agentId, "agentId");
        Require.present(date, "date");
        topic = Require.text(topic, "topic", 200);
        Require.between(hours, 1, 200, "hours");
    }
}

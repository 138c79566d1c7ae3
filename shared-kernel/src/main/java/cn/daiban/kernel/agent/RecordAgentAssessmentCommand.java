package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The on-the-job assessment (上岗考核, `003 附件4 一2`). */
public record RecordAgentAssessmentCommand(@TargetAggregateIdentifier AgentId agentId, LocalDate date, boolean passed, String examiner, String note) implements AgentTargeted {

    public RecordAgentAssessmentCommand {
        Require.present(agentId, "agentId");
        Require.present(date, "date");
        examiner = Require.text(examiner, "examiner", 64);
        note = Require.optionalText(note, "note", 500);
    }
}

package cn.daiban.kernel.consultation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The answer (result) given to the visitor. */
public record AnswerConsultationCommand(@TargetAggregateIdentifier ConsultationId consultationId, String answer) implements ConsultationTargeted {

    public AnswerConsultationCommand {
        Require.present(consultationId, "consultationId");
        answer = Require.text(answer, "answer", 2000);
    }
}

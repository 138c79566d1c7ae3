package cn.daiban.kernel.consultation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forward to the department that can answer; the reply is due within one working day (`004 §6.3.3.1.3`). */
public record ForwardConsultationCommand(@TargetAggregateIdentifier ConsultationId consultationId, String department) implements ConsultationTargeted {

    public ForwardConsultationCommand {
        Require.present(consultationId, "consultationId");
        department = Require.text(department, "department", 64);
    }
}

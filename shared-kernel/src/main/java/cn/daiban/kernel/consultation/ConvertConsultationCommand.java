package cn.daiban.kernel.consultation;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.DelegationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The consultation led to a delegation, which keeps the link. */
public record ConvertConsultationCommand(@TargetAggregateIdentifier ConsultationId consultationId, DelegationId delegationId) implements ConsultationTargeted {

    public ConvertConsultationCommand {
        Require.present(consultationId, "consultationId");
        Require.present(delegationId, "delegationId");
    }
}

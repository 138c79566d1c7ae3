package cn.daiban.command.infrastructure;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ConvertConsultationCommand;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A delegation commissioned from a consultation links the consultation to it, in the same transaction: if the
 * consultation is unknown or already converted, the commissioning fails as a whole (the processing group
 * propagates errors, see application.yml).
 */
@Component
@ProcessingGroup(ConsultationConversionPolicy.PROCESSING_GROUP)
class ConsultationConversionPolicy {

    static final String PROCESSING_GROUP = "consultation-conversion";

    private final CommandGateway commands;

    ConsultationConversionPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DelegationCommissionedEvent event) {
        if (event.consultationId() == null) {
            return;
        }
        ConsultationId consultationId;
        try {
            consultationId = ConsultationId.of(event.consultationId());
        } catch (IllegalArgumentException e) {
            throw DomainRuleException.unknownReference("consultationId", "no consultation " + event.consultationId());
        }
        try {
            commands.sendAndWait(new ConvertConsultationCommand(consultationId, event.delegationId()));
        } catch (AggregateNotFoundException e) {
            throw DomainRuleException.unknownReference("consultationId", "no consultation " + consultationId);
        } catch (CommandExecutionException e) {
            throw DomainRuleException.ruleViolated("converted-once", "consultationId", e.getMessage());
        }
    }
}

package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ConvertConsultationCommand;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A delegation commissioned from a consultation links the consultation to it, in the same transaction on the JDBC
 * engine: if the consultation is unknown or already converted, the commissioning fails as a whole (the processing
 * group propagates errors, see application.yml). Behind Axon Server the conversion is a command of its own, stored by
 * Axon Server before the commissioning's events (README, "Scale-out with Axon Server", differences).
 * <p>
 * Its refusals are raised while the commissioning's unit of work commits (a subscribing processor handles the event
 * then), after the command bus's {@code RejectionInterceptor} has returned. So they are thrown as a
 * {@link CommandExecutionException} carrying their {@link CommandRejection} (kind, rule, field) themselves: locally the
 * gateway hands that exception to the HTTP layer as it is, and behind Axon Server its details are what crosses the
 * wire (a plain {@link DomainRuleException} would arrive there as a remote failure without its meaning: a 500).
 * <p>
 * The refusal of the nested command arrives as a {@link CommandExecutionException} on both engines (the same
 * interceptor wraps it): an unknown consultation is told apart from one already converted by its details' kind.
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
            throw RejectionInterceptor.refusal(DomainRuleException.unknownReference("consultationId",
                    "no consultation " + event.consultationId()));
        }
        try {
            commands.sendAndWait(new ConvertConsultationCommand(consultationId, event.delegationId()));
        } catch (CommandExecutionException e) {
            CommandRejection why = e.<CommandRejection>getDetails().orElse(null);
            if (why != null && CommandRejection.NOT_FOUND.equals(why.kind())) {
                throw RejectionInterceptor.refusal(DomainRuleException.unknownReference("consultationId",
                        "no consultation " + consultationId));
            }
            if (why == null || CommandRejection.UNAVAILABLE.equals(why.kind())) {
                throw e; // not a refusal of the conversion (the database away …): answered as such
            }
            throw RejectionInterceptor.refusal(DomainRuleException.ruleViolated("converted-once", "consultationId",
                    e.getMessage()));
        }
    }
}

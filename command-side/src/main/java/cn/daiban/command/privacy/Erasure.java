package cn.daiban.command.privacy;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.privacy.DataSubjectErasedEvent;
import cn.daiban.kernel.privacy.EraseDataSubjectCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One erasure of a person's personal data: finds every record holding it and records that they are erased. The
 * keys themselves are destroyed by {@code KeyShredder} in the same transaction as this event.
 */
@Aggregate
class Erasure {

    @AggregateIdentifier
    private String erasureId;

    Erasure() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(EraseDataSubjectCommand command, DataSubjects subjects, ServiceClock clock) {
        List<String> found = subjects.find(command.residentId(), command.phone(), command.subjectId());
        if (found.isEmpty()) {
            throw DomainRuleException.ruleViolated("data-subject-held",
                    command.subjectId() != null ? "subjectId" : command.residentId() != null ? "residentId" : "phone",
                    "no personal data is held for it (or it was erased already)");
        }
        apply(new DataSubjectErasedEvent(command.erasureId(), found, command.reason(),
                clock.today()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(DataSubjectErasedEvent event) {
        erasureId = event.erasureId();
    }
}

package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.EarlierMatters;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@link EarlierMatters} from the earlier matter's own event stream, on either engine (the JDBC store or Axon Server):
 * read only when a commissioning names an earlier matter, so other commissionings read nothing more.
 */
@Component
class EventStoreEarlierMatters implements EarlierMatters {

    private final EventStore events;

    EventStoreEarlierMatters(EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<Outcome> outcome(DelegationId id) {
        // From the first event, never from a snapshot (a snapshot would hide how the matter ended).
        DomainEventStream stream = events.readEvents(id.value(), 0L);
        Outcome outcome = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (payload instanceof DelegationCompletedEvent completed) {
                outcome = completed.successful() ? Outcome.SUCCEEDED : Outcome.UNSUCCESSFUL;
            } else if (payload instanceof DelegationTerminatedEvent || payload instanceof DelegationDeclinedEvent) {
                outcome = Outcome.UNSUCCESSFUL;
            } else if (outcome == null) {
                outcome = Outcome.OPEN;
            }
        }
        return Optional.ofNullable(outcome);
    }
}

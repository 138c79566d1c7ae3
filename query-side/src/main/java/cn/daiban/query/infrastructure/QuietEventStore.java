package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;

/**
 * The embedded event store whose streams do not ask the event table again while its head has not moved
 * ({@link QuietStream}); made when the head is watched ({@link EventTableHead}), that is with streams of their own.
 */
final class QuietEventStore extends EmbeddedEventStore {

    private final EventTableHead head;
    private final Duration heartbeat;

    QuietEventStore(Builder builder, EventTableHead head, Duration heartbeat) {
        super(builder);
        this.head = head;
        this.heartbeat = heartbeat;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new QuietStream(super.openStream(trackingToken), head::head, heartbeat, System::nanoTime);
    }
}

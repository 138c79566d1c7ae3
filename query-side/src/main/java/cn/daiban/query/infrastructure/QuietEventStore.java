package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The embedded event store whose streams, once they found nothing, do not ask the event table again until its head
 * is next announced ({@link QuietStream}); made when the head is watched ({@link EventTableHead}), that is with
 * streams of their own.
 */
final class QuietEventStore extends EmbeddedEventStore {

    private final EventTableHead head;

    QuietEventStore(Builder builder, EventTableHead head) {
        super(builder);
        this.head = head;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new QuietStream(super.openStream(trackingToken), head::announcements, head::lastMove, head::isClosed);
    }
}

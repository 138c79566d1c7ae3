package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Axon's embedded event store whose streams hear of the command side's appends from an {@link EventTableHead}:
 * a stream accepts an availability call-back (Axon's pooled coordinator then looks again when called instead of
 * every 500 ms), and a stream's timed wait for an event ({@code hasNextAvailable(timeout, unit)}: the live feed,
 * rebuilds, point-in-time views, the audit's scans) ends as soon as the head moves instead of at its timeout.
 * Everything else is Axon's: the events are read as before, through the stream Axon opens.
 */
public class AnnouncingEventStore extends EmbeddedEventStore {

    private final EventTableHead head;

    public AnnouncingEventStore(Builder builder, EventTableHead head) {
        super(builder);
        this.head = head;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new AnnouncedStream(super.openStream(trackingToken), head);
    }

    static final class AnnouncedStream implements TrackingEventStream {

        private final TrackingEventStream stream;
        private final EventTableHead head;
        private final AtomicReference<Runnable> callback = new AtomicReference<>();

        AnnouncedStream(TrackingEventStream stream, EventTableHead head) {
            this.stream = stream;
            this.head = head;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long until = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                // Read the count first: an announcement after it, while the stream is asked, is not missed.
                long seen = head.announcements();
                if (stream.hasNextAvailable()) {
                    return true;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                head.awaitAfter(seen, left);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        /** Always accepted: {@code onAvailable} runs at each announcement of the head, until the stream is closed. */
        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            Runnable earlier = callback.getAndSet(onAvailable);
            if (earlier != null) {
                head.forget(earlier);
            }
            head.callBack(onAvailable);
            return true;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback.getAndSet(null);
            if (registered != null) {
                head.forget(registered);
            }
            stream.close();
        }
    }
}

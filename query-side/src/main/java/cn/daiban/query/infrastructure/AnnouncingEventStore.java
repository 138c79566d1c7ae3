package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Axon's embedded event store whose streams hear of the command side's appends from an {@link EventTableHead}:
 * a stream accepts an availability call-back (Axon's pooled coordinator then looks again when called instead of
 * every 500 ms), and a stream's timed wait for an event ({@code hasNextAvailable(timeout, unit)}: the live feed,
 * rebuilds, point-in-time views) ends as soon as the head moves instead of at its timeout. Everything else is
 * Axon's: the events are read as before, through the stream Axon opens. Only for streams of their own (Axon's
 * {@code optimizeEventConsumption} off): with the shared cache, Axon's producer wakes its readers itself.
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
        /** What the head calls: one per stream, so streams sharing a call-back never forget each other's. */
        private final Runnable announced = this::announced;
        private volatile Runnable onAvailable;
        private boolean closed;

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
                // Asked with a timeout of its own, not through hasNextAvailable(), which would swallow an interrupt.
                if (stream.hasNextAvailable(0, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (head.isClosed()) {
                    // Shutting down: no announcement will come, so Axon's own wait (no busy loop).
                    return stream.hasNextAvailable((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)),
                            TimeUnit.MILLISECONDS);
                }
                head.awaitAfter(seen, left);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        /**
         * Accepted while the stream is open: {@code callback} replaces any earlier one and runs at each announcement
         * of the head until the stream is closed.
         */
        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (closed) {
                return false;
            }
            onAvailable = callback;
            head.callBack(announced);
            return true;
        }

        private void announced() {
            Runnable callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                onAvailable = null;
                head.forget(announced);
            }
            stream.close();
        }
    }
}

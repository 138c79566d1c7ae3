package cn.daiban.query.infrastructure;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event stream of the projections a user waits for after a command (the {@code delegations} group: the matter, the
 * ledger and the dashboards) and of the dashboards' live feed: the event store's streams, which in the embedded mode
 * hear of the command side's appends from an {@link EventTableHead}. Such a stream accepts an availability call-back
 * (Axon's pooled coordinator then looks again when called instead of 500 ms after it found nothing), and its timed
 * wait for an event ({@code hasNextAvailable(timeout, unit)}) ends as soon as the head moves. The events are read as
 * before, through the stream the store opens. With Axon Server (whose streams call back themselves), or without the
 * head, the store's streams are handed out as they are.
 *
 * <p>Why not every projection: each call-back is a look at the table and, under load, a transaction of a few events
 * with its token, per processor and segment. Measured with all thirteen groups called back at every move of the head
 * (the benchmark's {@code commands,lag} phases, back to back on one machine): a matter reached its view at p50 47
 * instead of 369 ms, but the query side's CPU per commissioning at 32 clients went from 2.2 to 4.2 ms and
 * PostgreSQL's from 3.4 to 5.2 ms, and commissioning fell from 184 to 132 a second. The other groups (what the
 * stations, the catalogue, notifications, statistics show) keep Axon's half-second look.
 *
 * <p>Not an {@code EventStore}: the application has one event store; this is a source a processor is given by name
 * ({@code axon.eventhandling.processors.delegations.source: liveEvents}).
 */
public class LiveEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final EventTableHead head;

    /** The store's streams, called back by {@code head}; with a null head, the store's streams as they are. */
    public LiveEvents(StreamableMessageSource<TrackedEventMessage<?>> store, EventTableHead head) {
        this.store = store;
        this.head = head;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(trackingToken);
        return head == null ? stream : new AnnouncedStream(stream, head);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    static final class AnnouncedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final EventTableHead head;
        /** What the head calls: one per stream, so streams sharing a call-back never forget each other's. */
        private final Runnable announced = this::announced;
        private volatile Runnable onAvailable;
        private boolean closed;

        AnnouncedStream(BlockingStream<TrackedEventMessage<?>> stream, EventTableHead head) {
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

package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A processor's stream of the event table (embedded mode, a stream of its own) that does not ask the table again
 * while nothing can have come: once the stream found nothing, a look without waiting ({@code hasNextAvailable()},
 * {@code peek()}) answers "nothing" without a query until the event table's head ({@link EventTableHead}, read
 * every 50 ms) has moved past what it was before that read, or until a heartbeat has passed.
 *
 * <p>Why: Axon's pooled coordinator looks at its stream three times or more at the end of each round (before it
 * hands out events, after the last one, before it schedules the next round), and a stream that has read everything
 * asks the table each time: a transaction with the read of the next batch, and when that comes back empty a second
 * query for the lowest index beyond it. Measured under commissioning at 16 clients: 6.3 reads and 2.9 of those
 * second queries per event appended, about half of them empty.
 *
 * <p>What it costs: a new event is read at the first look after the head has been seen to move, at most one head
 * interval later than before (the {@code delegations} group and the live feed are called back at that moment
 * anyway, {@link LiveEvents}; the other groups look every 500 ms). A transaction that commits after a later one
 * (an event below the head that was not yet visible) does not move the head: the heartbeat bounds how long it waits
 * to be read, as it bounds the live streams' call-backs. The head is taken before the read it vouches for, so an
 * append after that read moves the head past it; a head not yet read (null) vouches for nothing.
 */
final class QuietStream implements TrackingEventStream {

    private final TrackingEventStream stream;
    private final Supplier<Long> head;
    private final long heartbeatNanos;
    private final LongSupplier nanoTime;
    /** The head as it was before the read that found nothing, and when; null while the stream has not run dry. */
    private Long dryAtHead;
    private long dryAtNanos;

    QuietStream(TrackingEventStream stream, Supplier<Long> head, Duration heartbeat, LongSupplier nanoTime) {
        this.stream = stream;
        this.head = head;
        this.heartbeatNanos = heartbeat.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        if (quiet()) {
            return Optional.empty();
        }
        Long before = head.get();
        Optional<TrackedEventMessage<?>> next = stream.peek();
        noted(next.isPresent(), before);
        return next;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        if (timeout <= 0 && quiet()) {
            return false;
        }
        Long before = head.get();
        boolean available = stream.hasNextAvailable(timeout, unit);
        noted(available, before);
        return available;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        dryAtHead = null;
        return stream.nextAvailable();
    }

    /** Whether the stream ran dry and nothing has been appended since, as far as the head tells, within a heartbeat. */
    private boolean quiet() {
        Long now = head.get();
        return dryAtHead != null && dryAtHead.equals(now) && nanoTime.getAsLong() - dryAtNanos < heartbeatNanos;
    }

    private void noted(boolean available, Long before) {
        if (available || before == null) {
            dryAtHead = null;
        } else {
            dryAtHead = before;
            dryAtNanos = nanoTime.getAsLong();
        }
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        return stream.setOnAvailableCallback(callback);
    }

    @Override
    public void close() {
        stream.close();
    }
}

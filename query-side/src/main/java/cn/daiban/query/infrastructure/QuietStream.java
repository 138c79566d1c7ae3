package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A processor's stream of the event table (embedded mode, a stream of its own) that does not ask the table again
 * while nothing can have come: once the stream found nothing, a look without waiting ({@code hasNextAvailable()},
 * {@code peek()}) answers "nothing" without a query until the event table's head ({@link EventTableHead}) has been
 * announced since the count taken before that read: when the head moved (read every 50 ms), at the look after a
 * move (a transaction that took a lower index may commit just after a later one), and at the heartbeat whatever the
 * looks do (500 ms; the table unreadable, the pool busy) — the moments at which the live streams are called back.
 *
 * <p>The same holds once the stream has handed out the event at the head of the last move ({@link
 * EventTableHead#lastMove()}) and nothing has been announced since: anything later is announced (a move beyond it;
 * the look after the move, for a late commit below it), so the read that would only find the end is not made.
 * Events the stream already holds beyond that head (committed after the move was read) wait for its next look:
 * the call-back at the next move for the {@code delegations} group and the live feed (one head interval at most), the
 * next half-second round for the other groups (which may show "caught up" meanwhile). A peek for a second event under the same token (Axon's coordinator asks after
 * each event, for the events one stored event is upcast into) then answers "nothing" without asking: every upcaster
 * here turns one event into one ({@code ArchitectureTest.everyUpcasterTurnsOneStoredEventIntoOne}).
 *
 * <p>Why: Axon's pooled coordinator looks at its stream three times or more at the end of each round (before it
 * hands out events, after the last one, before it schedules the next round), and a stream that has read everything
 * asks the table each time: a transaction with the read of the next batch, and when that comes back empty a second
 * query for the lowest index beyond it. Measured under commissioning at 16 clients: 5.2-6.8 batch reads and 2.4-3.2
 * of those second queries per event appended, both applications' connections together (3.0-3.6 and 0.8-1.0 with the
 * first rule); on the query side's own connections, 1.54 and 0.56 with the first rule, 0.52 and 0.04 with both.
 *
 * <p>What it costs: a new event is read at the first look after its announcement, at most one head interval later
 * than before (the {@code delegations} group and the live feed are called back at that moment anyway,
 * {@link LiveEvents}; the other groups look every 500 ms), and a late commit below the head as late as the live
 * streams see it. The count is taken before the read it vouches for, so an announcement during that read ends the
 * quiet. Timed waits ({@code hasNextAvailable(timeout, unit)} with a timeout: rebuilds, point-in-time views, the
 * audit) are the stream's own; once the head is closed (shutting down) nothing is quiet. Each stream is used by one
 * thread at a time (a processor's coordinator, a reader's own thread), so its state needs no lock.
 */
final class QuietStream implements TrackingEventStream {

    private final TrackingEventStream stream;
    private final LongSupplier announcements;
    private final Supplier<EventTableHead.Move> lastMove;
    private final BooleanSupplier headClosed;
    /**
     * The announcement after which there is nothing to read: counted before the read that found nothing, or that of
     * the move whose head this stream handed out; -1 while neither.
     */
    private long dryAt = -1;

    QuietStream(TrackingEventStream stream, LongSupplier announcements, Supplier<EventTableHead.Move> lastMove,
                BooleanSupplier headClosed) {
        this.stream = stream;
        this.announcements = announcements;
        this.lastMove = lastMove;
        this.headClosed = headClosed;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        long before = announcements.getAsLong();
        if (quiet(before)) {
            return Optional.empty();
        }
        Optional<TrackedEventMessage<?>> next = stream.peek();
        dryAt = next.isPresent() ? -1 : before;
        return next;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long before = announcements.getAsLong();
        if (timeout <= 0 && quiet(before)) {
            return false;
        }
        boolean available = stream.hasNextAvailable(timeout, unit);
        dryAt = available ? -1 : before;
        return available;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        dryAt = -1;
        TrackedEventMessage<?> next = stream.nextAvailable();
        EventTableHead.Move move = lastMove.get();
        if (move != null && next.trackingToken().position().orElse(Long.MIN_VALUE) >= move.head()) {
            // The head of the last move handed out: what comes next is announced (a move beyond it; the look after
            // this move, for a late commit below it), so no read until the next announcement (none if there has
            // been one since the move: quiet() compares with the count now).
            dryAt = move.announcement();
        }
        return next;
    }

    /** Whether the stream ran dry and the head has not been announced since (and is still watched). */
    private boolean quiet(long announced) {
        return dryAt >= 0 && dryAt == announced && !headClosed.getAsBoolean();
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

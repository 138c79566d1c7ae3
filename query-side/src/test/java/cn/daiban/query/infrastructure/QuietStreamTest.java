package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream that ran dry asks the table again only once the head has been announced since (moved, or a heartbeat). */
class QuietStreamTest {

    final Table table = new Table();
    final AtomicLong announcements = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicReference<EventTableHead.Move> lastMove = new AtomicReference<>();
    final QuietStream stream = new QuietStream(table, announcements::get, lastMove::get, closed::get);

    @Test
    void aDryStreamDoesNotAskAgainUntilTheHeadIsAnnounced() throws InterruptedException {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();
        assertThat(table.looks).as("one look, then quiet").isEqualTo(1);

        table.append(8);
        announcements.incrementAndGet(); // the head moved
        assertThat(stream.hasNextAvailable()).as("announced: asked again").isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(8));
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(table.looks).isEqualTo(3);
    }

    @Test
    void anAnnouncementWithoutAMoveReadsALateCommitBelowTheHead() {
        assertThat(stream.hasNextAvailable()).isFalse();
        table.append(5); // committed late, below the head: the head does not move
        assertThat(stream.hasNextAvailable()).isFalse();
        announcements.incrementAndGet(); // the look after a move, or the heartbeat
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(table.looks).isEqualTo(2);
    }

    @Test
    void anAnnouncementDuringTheEmptyReadEndsTheQuiet() {
        table.onLook = () -> {
            table.append(8); // appended while the table is read, announced before the read ends
            announcements.incrementAndGet();
        };
        assertThat(stream.hasNextAvailable()).isFalse();
        table.onLook = null;
        assertThat(stream.hasNextAvailable()).as("counted before the read it vouches for").isTrue();
    }

    @Test
    void timedWaitsAndAClosedHeadAreNeverQuiet() throws InterruptedException {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(table.looks).as("a timed wait is the stream's own").isEqualTo(2);
        closed.set(true);
        assertThat(stream.peek()).isEmpty();
        assertThat(table.looks).as("shutting down: no announcement will come").isEqualTo(3);
    }

    @Test
    void aStreamThatHandedOutTheHeadOfTheLastMoveDoesNotAskAgainUntilTheLookAfterIt() throws InterruptedException {
        table.append(7);
        table.append(8);
        move(8); // the head moved to 8, announced
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(7));
        assertThat(stream.peek()).as("7 is below the head: the stream is asked").isPresent();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(8));
        assertThat(stream.peek()).as("the head handed out: nothing until the next announcement").isEmpty();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(table.looks).as("one read, no read after it for the empty end").isEqualTo(1);

        table.append(5); // a late commit below the head
        announcements.incrementAndGet(); // the look after the move announces whatever it reads
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(5));
        assertThat(stream.hasNextAvailable()).as("5 is below the head; the read after it finds nothing").isFalse();
        assertThat(table.looks).isEqualTo(3);
    }

    @Test
    void theHeadHandedOutAfterAnotherAnnouncementOrBelowTheLastMoveIsNotQuiet() throws InterruptedException {
        table.append(8);
        move(8);
        assertThat(stream.hasNextAvailable()).isTrue();
        announcements.incrementAndGet(); // a heartbeat (or the look after the move) since
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(8));
        assertThat(stream.peek()).isEmpty();
        assertThat(table.looks).as("announced since the move: the stream is asked").isEqualTo(2);

        table.append(9);
        table.append(10);
        move(11); // 11 committed, not yet read by this stream
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(9));
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(10));
        assertThat(stream.hasNextAvailable()).as("below the head: asked").isFalse();
        assertThat(table.looks).isEqualTo(4);
        assertThat(stream.hasNextAvailable()).as("then dry: quiet").isFalse();
        assertThat(table.looks).isEqualTo(4);
    }

    private void move(long head) {
        lastMove.set(new EventTableHead.Move(head, announcements.incrementAndGet()));
    }

    /** The table's stream: looks counted; an event is visible from the look after its append. */
    static final class Table implements TrackingEventStream {
        final Deque<TrackedEventMessage<?>> visible = new ArrayDeque<>();
        final Deque<TrackedEventMessage<?>> pending = new ArrayDeque<>();
        int looks;
        Runnable onLook;

        void append(long index) {
            pending.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                    GenericEventMessage.asEventMessage("event " + index)));
        }

        private void look() {
            looks++;
            visible.addAll(pending);
            pending.clear();
            if (onLook != null) {
                onLook.run(); // what it appends is seen by the next look
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (visible.isEmpty()) {
                look();
            }
            return Optional.ofNullable(visible.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            if (visible.isEmpty()) {
                look();
            }
            return !visible.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return visible.poll();
        }

        @Override
        public void close() {
        }
    }
}

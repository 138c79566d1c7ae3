package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream that ran dry asks the table again only once the head has moved, or a heartbeat has passed. */
class QuietStreamTest {

    final Table table = new Table();
    final AtomicLong head = new AtomicLong(-1);
    final AtomicLong now = new AtomicLong();
    final QuietStream stream = new QuietStream(table, () -> head.get() < 0 ? null : head.get(),
            Duration.ofMillis(500), now::get);

    @Test
    void aDryStreamDoesNotAskAgainUntilTheHeadMoves() throws InterruptedException {
        head.set(7);
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();
        assertThat(table.looks).as("one look, then quiet at the same head").isEqualTo(1);

        table.append(8);
        head.set(8);
        assertThat(stream.hasNextAvailable()).as("the head moved: asked again").isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(8));
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(table.looks).isEqualTo(3);
    }

    @Test
    void aDryStreamAsksAgainEveryHeartbeatAtTheSameHead() {
        head.set(7);
        assertThat(stream.hasNextAvailable()).isFalse();
        now.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(table.looks).isEqualTo(1);

        table.append(5); // committed late, below the head: the head does not move
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(stream.hasNextAvailable()).as("a heartbeat later").isTrue();
        assertThat(table.looks).isEqualTo(2);
    }

    @Test
    void theHeadIsTakenBeforeTheReadItVouchesFor() {
        head.set(7);
        table.onLook = () -> {
            table.append(8); // appended while the table is read: the head read before it stays behind
            head.set(8);
        };
        assertThat(stream.hasNextAvailable()).isFalse();
        table.onLook = null;
        assertThat(stream.hasNextAvailable()).as("the head moved past the one the empty read was taken at").isTrue();
    }

    @Test
    void withoutAHeadEveryLookAsksAndWaitsAreNeverShortened() throws InterruptedException {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(table.looks).isEqualTo(2);
        head.set(7);
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(table.looks).as("a timed wait is the stream's own").isEqualTo(4);
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

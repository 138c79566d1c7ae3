package cn.daiban.query.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rebuild's events read on a thread of their own: in order, decoded there, a read failure handed over in turn. */
class PrefetchedEventsTest {

    /** A stream over {@code events}, failing after them with {@code failure} if given, else having nothing more. */
    private static final class Scripted implements BlockingStream<TrackedEventMessage<?>> {
        final ConcurrentLinkedQueue<TrackedEventMessage<?>> events;
        final RuntimeException failure;
        final AtomicBoolean closed = new AtomicBoolean();
        volatile String readOn;

        Scripted(List<TrackedEventMessage<?>> events, RuntimeException failure) {
            this.events = new ConcurrentLinkedQueue<>(events);
            this.failure = failure;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            readOn = Thread.currentThread().getName();
            if (!events.isEmpty()) {
                return true;
            }
            if (failure != null) {
                throw failure;
            }
            Thread.sleep(unit.toMillis(timeout));
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.poll();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** An event whose payload counts its decodings, and fails them when asked. */
    private static final class Counted extends GenericTrackedEventMessage<String> {
        final AtomicInteger decoded = new AtomicInteger();
        final boolean undecodable;

        Counted(long position, boolean undecodable) {
            super(new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage("event-" + position));
            this.undecodable = undecodable;
        }

        @Override
        public String getPayload() {
            decoded.incrementAndGet();
            if (undecodable) {
                throw new IllegalStateException("cannot decode event " + trackingToken());
            }
            return super.getPayload();
        }
    }

    private static List<TrackedEventMessage<?>> events(int count, long undecodable) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (long position = 0; position < count; position++) {
            events.add(new Counted(position, position == undecodable));
        }
        return events;
    }

    @Test
    void handsTheEventsOverInTheirOrderDecodedOnTheReadersThreadWithinItsWork() throws Exception {
        List<TrackedEventMessage<?>> events = events(PrefetchedEvents.CAPACITY * 2 + 7, 5);
        Scripted stream = new Scripted(events, null);
        AtomicInteger within = new AtomicInteger();
        List<TrackedEventMessage<?>> handed = new ArrayList<>();
        try (PrefetchedEvents prefetched = new PrefetchedEvents("reader", () -> stream, work -> {
            within.incrementAndGet();
            work.run();
        })) {
            for (int i = 0; i < events.size(); i++) {
                handed.add(prefetched.next(Duration.ofSeconds(10)));
            }
            assertThat(prefetched.next(Duration.ofMillis(300))).as("nothing more").isNull();
        }
        assertThat(handed).containsExactlyElementsOf(events);
        assertThat(stream.readOn).isEqualTo("reader");
        assertThat(within).as("all read within one piece of work").hasValue(1);
        assertThat(stream.closed).as("the stream closed at the end").isTrue();
        assertThat(((Counted) events.get(0)).decoded).as("decoded before it was handed over").hasValue(1);
        // The undecodable one is handed over as it is: the replay decodes it again and fails on it, naming it.
        assertThat(((Counted) events.get(5)).decoded).hasValue(1);
        assertThatThrownBy(events.get(5)::getPayload).hasMessageContaining("cannot decode");
    }

    @Test
    void aReadFailureIsThrownOnceTheEventsBeforeItAreHandedOver() throws Exception {
        List<TrackedEventMessage<?>> events = events(3, -1);
        try (PrefetchedEvents prefetched = new PrefetchedEvents("reader",
                () -> new Scripted(events, new IllegalStateException("the event table is gone")), Runnable::run)) {
            for (TrackedEventMessage<?> event : events) {
                assertThat(prefetched.next(Duration.ofSeconds(10))).isSameAs(event);
            }
            assertThatThrownBy(() -> prefetched.next(Duration.ofSeconds(10)))
                    .hasMessageContaining("the event table is gone");
        }
    }

    @Test
    void closingStopsAReaderThatIsAhead() throws Exception {
        Scripted stream = new Scripted(events(PrefetchedEvents.CAPACITY * 3, -1), null);
        PrefetchedEvents prefetched = new PrefetchedEvents("reader", () -> stream, Runnable::run);
        assertThat(prefetched.next(Duration.ofSeconds(10))).isNotNull();
        prefetched.close(); // the reader waits for room in a full queue
        assertThat(stream.closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("reader")
                && thread.isAlive());
    }
}

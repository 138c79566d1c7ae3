package cn.daiban.query.infrastructure;

import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side's live streams ({@link LiveEvents}: the delegations group, the live feed) hear of appends to the event table from its head ({@link EventTableHead}), not from
 * Axon's polling: a stream accepts an availability call-back and is called when the head moves, and a stream waiting
 * for an event ends its wait then. The heads made here beat once an hour, so every call-back they make is a move's
 * (at the look that saw it, or the one after).
 */
class EventTableHeadIT extends PostgresIntegrationTest {

    static final StationCode STATION = StationCode.of("163800000301");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    DataSource dataSource;
    @Autowired
    LiveEvents liveEvents;

    @Test
    void theLiveStreamsAcceptACallBackAndTheOthersKeepAxonsLook() {
        try (BlockingStream<TrackedEventMessage<?>> stream = liveEvents.openStream(liveEvents.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(() -> { })).as("Axon's coordinator then waits to be called").isTrue();
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(() -> { })).as("the event store's own streams").isFalse();
        }
    }

    @Test
    void aStreamIsCalledBackWhenTheHeadMovesAndNotAfterItIsClosed() {
        try (EventTableHead head = new EventTableHead(dataSource, Duration.ofMillis(20), Duration.ofHours(1))) {
            LiveEvents store = new LiveEvents(EmbeddedEventStore.builder().storageEngine(storage)
                    .optimizeEventConsumption(false).build(), head);
            AtomicInteger calls = new AtomicInteger();
            BlockingStream<TrackedEventMessage<?>> stream = store.openStream(store.createHeadToken());
            try {
                stream.setOnAvailableCallback(calls::incrementAndGet);
                settled(head);
                int before = calls.get();

                long index = append();

                await().atMost(Duration.ofSeconds(10)).until(() -> head.head() != null && head.head() >= index);
                await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() > before);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> head.lastMove() != null && head.lastMove().head() >= index);
                EventTableHead.Move move = head.lastMove();
                // What a stream that handed out the move's head relies on (QuietStream): the look after the move
                // announces again, whatever it reads (no heartbeat here: an hour).
                await().atMost(Duration.ofSeconds(10)).until(() -> head.announcements() > move.announcement());
            } finally {
                stream.close();
            }
            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).as("a closed stream takes none").isFalse();
            int atClose = calls.get();
            long next = append();
            await().atMost(Duration.ofSeconds(10)).until(() -> head.head() >= next);
            long looks = head.looks();
            await().atMost(Duration.ofSeconds(10)).until(() -> head.looks() >= looks + 2);
            assertThat(calls.get()).as("a closed stream is no longer called").isEqualTo(atClose);
        }
    }

    @Test
    void aStreamWaitingForAnEventWakesWhenTheHeadMoves() throws Exception {
        try (EventTableHead head = new EventTableHead(dataSource, Duration.ofMillis(20), Duration.ofHours(1))) {
            // A store of the test's own: the application's store, through which the event is appended, wakes its
            // own streams on a local append; this one's streams learn of it from the table alone.
            LiveEvents store = new LiveEvents(EmbeddedEventStore.builder().storageEngine(storage)
                    .optimizeEventConsumption(false).build(), head);
            settled(head);
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(store.createHeadToken())) {
                Future<Boolean> waited = waiter.submit(() -> stream.hasNextAvailable(60, TimeUnit.SECONDS));

                append();

                // Axon's own stream would sleep out its 60 s: nothing publishes on this store.
                await().atMost(Duration.ofSeconds(20)).until(waited::isDone);
                assertThat(waited.get()).isTrue();
            } finally {
                waiter.shutdownNow();
            }
        }
    }

    /**
     * Once the head has seen an event and ended both looks that announce it (the one that saw it move and the
     * next), so what the test then counts is its own append's.
     */
    private void settled(EventTableHead head) {
        long first = append();
        await().atMost(Duration.ofSeconds(10)).until(() -> head.head() != null && head.head() >= first);
        long looks = head.looks();
        await().atMost(Duration.ofSeconds(10)).until(() -> head.looks() >= looks + 2);
    }

    /** A commissioning appended through the application's store; its global index ({@link TestEvents}). */
    private long append() {
        return TestEvents.appendCommissioning(eventStore, STATION);
    }
}

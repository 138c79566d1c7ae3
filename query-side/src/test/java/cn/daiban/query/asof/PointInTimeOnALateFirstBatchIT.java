package cn.daiban.query.asof;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.deadletter.DeadLetters;
import cn.daiban.query.replay.ReplayWriteBatching;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A point-in-time view replays the store up to its head even when the stream has nothing buffered at first, as Axon
 * Server's stream has nothing before its first batch arrives: the replay waits for the events below the head it
 * fixed when it started, rather than taking "nothing available yet" for "done" (which replayed no event at all and
 * showed an empty past on Axon Server). The store here is the JDBC one, seen through a stream whose first batch comes
 * half a second late.
 */
class PointInTimeOnALateFirstBatchIT extends PostgresIntegrationTest {

    /** Station codes of this test only. */
    static final StationCode STATION = StationCode.of("163800000101");
    static final Duration FIRST_BATCH_LATE = Duration.ofMillis(500);

    @Autowired
    EventStore eventStore;
    @Autowired
    ReplayWriteBatching batching;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext context;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStreamWithNothingBufferedAtFirstIsStillReadToTheHead() {
        DelegationId id = DelegationId.create();
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 0,
                TestEvents.commissioned(id, DelegationKind.ASSIST, STATION, null, LocalDate.of(2026, 11, 24),
                        LocalDate.of(2026, 12, 1)),
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1"), UUID.randomUUID().toString(), Instant.now()));
        String count = "select count(*) from delegation_view where delegation_id = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(count, Long.class, id.value()) == 1);

        PointInTime late = new PointInTime(lateFirstBatch(eventStore), batching, transactions, context, deadLetters);
        Long asOfNow = late.asOf(Instant.now().plusSeconds(1),
                () -> jdbc.queryForObject(count, Long.class, id.value()));

        assertThat(asOfNow).as("the delegation as the replay read it").isEqualTo(1);
    }

    /** The store, with every stream it opens reporting nothing available until {@link #FIRST_BATCH_LATE} has passed. */
    static EventStore lateFirstBatch(EventStore store) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[]{EventStore.class},
                (proxy, method, args) -> {
                    Object result = invoke(store, method, args);
                    return "openStream".equals(method.getName()) ? late((BlockingStream<?>) result) : result;
                });
    }

    private static BlockingStream<?> late(BlockingStream<?> stream) {
        long firstBatchAt = System.nanoTime() + FIRST_BATCH_LATE.toNanos();
        return (BlockingStream<?>) Proxy.newProxyInstance(BlockingStream.class.getClassLoader(),
                new Class<?>[]{BlockingStream.class}, (proxy, method, args) -> {
                    if ("hasNextAvailable".equals(method.getName())) {
                        long waitNanos = args == null ? 0 : ((TimeUnit) args[1]).toNanos(((Number) args[0]).longValue());
                        long now = System.nanoTime();
                        if (now < firstBatchAt) {
                            if (now + waitNanos < firstBatchAt) {
                                TimeUnit.NANOSECONDS.sleep(waitNanos);
                                return false;
                            }
                            TimeUnit.NANOSECONDS.sleep(firstBatchAt - now);
                            waitNanos -= firstBatchAt - now;
                        }
                        return stream.hasNextAvailable((int) TimeUnit.NANOSECONDS.toMillis(waitNanos),
                                TimeUnit.MILLISECONDS);
                    }
                    return invoke(stream, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

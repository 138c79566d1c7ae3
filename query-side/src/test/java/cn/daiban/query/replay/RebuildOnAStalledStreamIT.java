package cn.daiban.query.replay;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.deadletter.DeadLetters;
import cn.daiban.query.infrastructure.TokenClaims;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import cn.daiban.query.support.TestEvents;
import jakarta.persistence.EntityManager;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild never switches over to a copy that has not reached the head it fixed when it started: when the event
 * stream stops short of it (a stream that ends early, a store that stops answering), the rebuild fails after its idle
 * limit and the live read model stays as it was. Here the JDBC store is seen through a stream that withholds its last
 * event; the idle limit is 2 s instead of the default 2 minutes.
 */
class RebuildOnAStalledStreamIT extends PostgresIntegrationTest {

    /** Station codes of this test only. */
    static final StationCode STATION = StationCode.of("163800000201");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;
    @Autowired
    ReplayWriteBatching batching;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext context;
    @Autowired
    EntityManager entityManager;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStreamStoppingShortOfTheHeadFailsTheRebuildAndTheLiveRowsStay() {
        DelegationId id = DelegationId.create();
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 0,
                TestEvents.commissioned(id, DelegationKind.ASSIST, STATION, null, LocalDate.of(2026, 11, 24),
                        LocalDate.of(2026, 12, 1)),
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1"), UUID.randomUUID().toString(), Instant.now()));
        String count = "select count(*) from delegation_view where delegation_id = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(count, Long.class, id.value()) == 1);
        // The whole table is counted: earlier classes' matters, on the other segment, all projected first.
        ProjectionsAtHead.await(jdbc, "delegations");
        long rows = jdbc.queryForObject("select count(*) from delegation_view", Long.class);

        ProjectionRebuilds stalled = new ProjectionRebuilds(withholdingTheHead(eventStore), processing, tokens,
                TokenClaims.ofThisProcess(), batching, transactions, context, entityManager, deadLetters, true, Duration.ofSeconds(2));
        ProjectionRebuilds.Progress progress = stalled.start("delegations");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"RUNNING".equals(progress.state));

        assertThat(progress.state).as(String.valueOf(progress.report())).isEqualTo("FAILED");
        assertThat(progress.error).contains("short of position").contains("not switching over");
        assertThat(jdbc.queryForObject(count, Long.class, id.value())).as("the live row stays").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from delegation_view", Long.class)).isEqualTo(rows);
        assertThat(processing.eventProcessor("delegations", StreamingEventProcessor.class).orElseThrow().isRunning())
                .as("the live processor runs on").isTrue();
    }

    /** The store, whose streams deliver every event below the head as of their opening, and never the head's. */
    static EventStore withholdingTheHead(EventStore store) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[]{EventStore.class},
                (proxy, method, args) -> {
                    Object result = invoke(store, method, args);
                    return "openStream".equals(method.getName())
                            ? stallingAt(position(store.createHeadToken()), (BlockingStream<?>) result) : result;
                });
    }

    private static BlockingStream<?> stallingAt(long head, BlockingStream<?> stream) {
        return (BlockingStream<?>) Proxy.newProxyInstance(BlockingStream.class.getClassLoader(),
                new Class<?>[]{BlockingStream.class}, (proxy, method, args) -> {
                    if ("hasNextAvailable".equals(method.getName())) {
                        long waitMillis = args == null ? 0 : ((TimeUnit) args[1]).toMillis(((Number) args[0]).longValue());
                        if (!stream.hasNextAvailable((int) waitMillis, TimeUnit.MILLISECONDS)) {
                            return false;
                        }
                        Optional<?> next = stream.peek();
                        if (next.isPresent() && position(((TrackedEventMessage<?>) next.get()).trackingToken()) >= head) {
                            TimeUnit.MILLISECONDS.sleep(waitMillis);
                            return false;
                        }
                        return true;
                    }
                    return invoke(stream, method, args);
                });
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

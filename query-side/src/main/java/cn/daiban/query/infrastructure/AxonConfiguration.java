package cn.daiban.query.infrastructure;

import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.kernel.eventstore.EventStreamReads;
import cn.daiban.kernel.upcasting.ProgressReportedEventUpcaster;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Axon wiring of the query side.
 *
 * <ul>
 *   <li>Embedded mode: the streaming processors read the command side's event table
 *       ({@value EventStoreLayout#SCHEMA}.{@value EventStoreLayout#EVENT_TABLE}) through Axon's JDBC engine, read
 *       only. With the {@code axonserver} profile they read from Axon Server instead and this schema is unused.</li>
 *   <li>Tokens live in the read-model schema ({@code query_side.token_entry}, {@code bytea}), written through
 *       the same connection and transaction as the projection rows (Axon's connection provider takes the
 *       connection Spring's JPA transaction is bound to), so a crash neither loses nor re-applies an event.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventStoreLayout.eventSchema();
    }

    /** Connections from Spring's current transaction (the JPA one while a projection batch runs). */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Embedded mode only: follow the command side's event table. With Axon Server, its event store is used.
     *
     * <p>The engine here only reads (the command side appends), and each of its reads is one statement, so it opens
     * no transaction of its own ({@link NoTransactionManager}): a read outside a transaction runs on a connection in
     * auto-commit, one round trip, where Spring's JPA transaction manager opened an entity manager and sent a
     * {@code BEGIN} and a {@code COMMIT} around it (about 1.7 reads per appended event while the county works, one per
     * processor's batch). A read made inside a transaction (a rebuild's reader, the head read at its pause) still
     * joins it: the connection provider takes the transaction's connection. Each statement sees the rows committed
     * when it starts, in a transaction or not.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 DataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema())
                .readEventDataWithoutGaps(EventStreamReads::withoutGaps)
                .readEventDataWithGaps(EventStreamReads::withGaps)
                .build();
    }

    /**
     * Embedded mode's event store: each processor reads the event table through a stream of its own, so what it
     * holds is bounded by its batch whatever the store's size (see {@link StreamProperties} for why not Axon's
     * shared cache).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine, StreamProperties stream,
                                         Optional<EventTableHead> head) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(stream.fetchDelay().toMillis())
                .cachedEvents(stream.cachedEvents())
                .cleanupDelay(stream.cleanupDelay().toMillis())
                .optimizeEventConsumption(stream.sharedCache());
        // With the head watched, a stream that found nothing asks the table again only once the head is announced.
        return head.<EmbeddedEventStore>map(watched -> new QuietEventStore(builder, watched))
                .orElseGet(builder::build);
    }

    /**
     * The source of the {@code delegations} group and of the live feed: the event store's streams, called back when
     * the event table's head moves (embedded mode), or as they are (Axon Server, or no head). See {@link LiveEvents}.
     */
    @Bean
    public LiveEvents liveEvents(EventStore eventStore, Optional<EventTableHead> head) {
        return new LiveEvents(eventStore, head.orElse(null));
    }

    /**
     * Embedded mode, streams of their own: the event table's head, read every
     * {@code daiban.event-stream.head-interval}, so the live streams hear of the command side's appends
     * ({@link EventTableHead}, {@link LiveEvents}); {@code watch-head: false} leaves Axon's half-second look, as does the
     * shared cache (its streams refuse the call-back, so the coordinator looks every 500 ms, as without the watch).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    @ConditionalOnProperty(name = "daiban.event-stream.watch-head", havingValue = "true", matchIfMissing = true)
    @ConditionalOnProperty(name = "daiban.event-stream.shared-cache", havingValue = "false", matchIfMissing = true)
    public EventTableHead eventTableHead(DataSource dataSource, StreamProperties stream) {
        return new EventTableHead(dataSource, stream.headInterval(), stream.headHeartbeat());
    }

    /**
     * {@code daiban.query.node-id}: the owner this node writes on its segment claims; unset, Axon's own default
     * ({@code pid@host}). Set it where two nodes could share both (containers with one host name, each its pid 1):
     * Axon would take them for one node.
     */
    @Bean
    public TokenClaims tokenClaims(@org.springframework.beans.factory.annotation.Value("${daiban.query.node-id:}")
                                   String nodeId) {
        TokenClaims defaults = TokenClaims.ofThisProcess();
        return nodeId.isBlank() ? defaults : new TokenClaims(nodeId.strip(), defaults.timeout());
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenClaims claims) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema())
                .nodeId(claims.nodeId())
                .claimTimeout(claims.timeout())
                .build();
    }

    /** Upcasters of changed event shapes, so old events load and replay (registered by Axon from the context). */
    @Bean
    public ProgressReportedEventUpcaster progressReportedEventUpcaster() {
        return new ProgressReportedEventUpcaster();
    }

    /**
     * A projection handler that fails is never logged and skipped (a skipped event would leave a read model silently
     * wrong): its error reaches the dead-letter queue, which parks the event's sequence after its attempts (see
     * {@link DeadLetterConfiguration}); only an error of the queue itself stops the segment, which the processor
     * then retries with back-off.
     */
    @Bean
    public ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    public TokenSchema tokenSchema() {
        return EventStoreLayout.tokenSchema("query_side.token_entry");
    }
}

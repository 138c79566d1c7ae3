package cn.daiban.query.audit;

import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.kernel.eventstore.EventStreamReads;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store as the audit reads it: Axon's {@link EventStore} API over the same store the projections follow
 * (the JDBC engine's table, or Axon Server), but without upcasters — the hash chain covers the payload as stored,
 * and an upcaster would hand back a different revision in different bytes. Held in {@link AuditEvents}, not as an
 * {@code EventStore} bean, so that Axon's configuration keeps using its own store.
 */
@Configuration(proxyBeanMethods = false)
class AuditEventSource {

    /**
     * What the audit reads from, and what it adds to a store position to make the {@code globalIndex} it shows:
     * the JDBC store's positions (its {@code global_index} sequence) start at 1, Axon Server's at 0, so Axon
     * Server's are shown one higher. Either way {@code after=0} means "from the first event" and no page, digest or
     * break ever names position 0, which would be ambiguous with "nothing yet" (assumption: the JDBC sequence is
     * never reset to 0).
     */
    record AuditEvents(EventStore store, long offset) implements AutoCloseable {
        @Override
        public void close() {
            if (store instanceof EmbeddedEventStore embedded) {
                embedded.shutDown();
            }
        }
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    AuditEvents jdbcAuditEvents(@Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
                                ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return new AuditEvents(EmbeddedEventStore.builder()
                .storageEngine(JdbcEventStorageEngine.builder()
                        .eventSerializer(eventSerializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(NoOpEventUpcaster.INSTANCE)
                        .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(EventStoreLayout.eventSchema())
                        .readEventDataWithoutGaps(EventStreamReads::withoutGaps)
                        .readEventDataWithGaps(EventStreamReads::withGaps)
                        .build())
                // Each walk reads the table itself (no shared producer thread to keep alive for the audit).
                .optimizeEventConsumption(false)
                .build(), 0);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    AuditEvents axonServerAuditEvents(@Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
                                      AxonServerConfiguration configuration,
                                      AxonServerConnectionManager connectionManager) {
        return new AuditEvents(AxonServerEventStore.builder()
                .configuration(configuration)
                .platformConnectionManager(connectionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(NoOpEventUpcaster.INSTANCE)
                // The audit reads events, never snapshots (and the builder insists on being told).
                .snapshotFilter(SnapshotFilter.rejectAll())
                .build(), 1);
    }
}

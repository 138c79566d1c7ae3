package cn.daiban.command.infrastructure;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.kernel.eventstore.EventStreamReads;
import cn.daiban.kernel.upcasting.ProgressReportedEventUpcaster;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.SerializerWithFallbackDeserializers;
import org.springframework.context.annotation.Bean;

import java.util.Optional;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring of the command side.
 *
 * <p>Events go to PostgreSQL through Axon's JDBC storage engine (embedded mode) into tables Flyway creates
 * ({@code V1__event_store.sql}): payload and metadata are {@code bytea} holding Jackson JSON, the global index
 * is a {@code bigserial} that PostgreSQL hands out one by one. The JDBC engine is chosen over the JPA one on
 * purpose: no {@code @Lob}/{@code oid} mapping and no Hibernate sequence pooling to work around.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventStoreLayout.eventSchema();
    }

    /**
     * Embedded mode's event storage: Axon's JDBC engine on PostgreSQL, appending through
     * {@link HashChainingAppendStatement} so every stream is a hash chain; a lost race for a stream position is
     * recognised by {@link EventStreamConflictResolver} (409, not 500). With Axon Server, its store is used.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new EventStreamConflictResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .readEventDataWithoutGaps(EventStreamReads::withoutGaps)
                .readEventDataWithGaps(EventStreamReads::withGaps)
                .appendEvents(new HashChainingAppendStatement())
                .build();
    }

    /**
     * Embedded mode's event store, as Axon's auto-configuration makes it, but without Axon's shared cache of recent
     * events: the one streaming processor here ({@code provisional-deadline-recomputation}) reads the table through
     * a stream of its own, so what it holds is its own batch whatever the store's size. The shared cache keeps every
     * event from a lagging reader's position on in memory when its clean-up races with that reader (AxonFramework
     * issue 2954); following a 1 M seed it held 278,000 events and ran the command side out of its 512 MiB heap.
     * The processor, with nothing to read, asks the table again every half second (one index range query).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }

    /** Upcasters of changed event shapes, so old events load and replay (registered by Axon from the context). */
    @Bean
    public ProgressReportedEventUpcaster progressReportedEventUpcaster() {
        return new ProgressReportedEventUpcaster();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return EventStoreLayout.tokenSchema("token_entry");
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    /**
     * The command side's event handlers keep look-up tables and policies in the command's own transaction: a
     * failure there must fail the command, not be logged and forgotten.
     */
    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Correlation id (and trace id) flow from each message to everything it causes. */
    @Bean
    public CorrelationDataProvider correlationIdProvider() {
        return new CorrelationIdProvider();
    }

    /** Who and where flow from each command to the events it causes (and on to what those cause). */
    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ACTOR_ID, MetadataKeys.STATION_CODE);
    }

    /** A step recorded after the fact: when it happened and why it is entered late flow to its events. */
    @Bean
    public CorrelationDataProvider backdatingCorrelationDataProvider() {
        return new BackdatingCorrelationProvider();
    }

    /**
     * db-scheduler stores each deadline's task data (Axon's {@code DbSchedulerBinaryDeadlineDetails}: name, scope,
     * payload and metadata, the latter already serialized by Axon's serializer) as JSON written by Jackson, not by
     * Java serialization. Deadlines scheduled before this was set were written with Java serialization: they are
     * still read, by the fallback (Jackson fails on their bytes, which are not JSON, and Java serialization reads
     * them), so no scheduled deadline is lost.
     */
    @Bean
    public DbSchedulerCustomizer jsonDeadlineData() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<com.github.kagkarlsson.scheduler.serializer.Serializer> serializer() {
                return Optional.of(new SerializerWithFallbackDeserializers(new JacksonSerializer(),
                        com.github.kagkarlsson.scheduler.serializer.Serializer.DEFAULT_JAVA_SERIALIZER));
            }
        };
    }
}

package cn.daiban.query.infrastructure;

import jakarta.persistence.EntityManager;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Every processing group of the query side gets Axon's sequenced dead-letter queue, kept in PostgreSQL
 * ({@value #TABLE}, bytea, Flyway V95): an event a projection cannot process is retried a few times (see
 * {@link SavepointPerEvent}), then parked together with every later event of its sequence — the default sequencing
 * policy, per aggregate: that delegation, that station — while every other sequence keeps flowing. Administrators
 * list, retry and evict parked sequences ({@code /api/admin/dead-letters}); a rebuild of a group clears its dead
 * letters (it replays every event, the parked ones included).
 *
 * <p>The queue writes through the same connection provider and transaction manager as the projections and the
 * token store, so a parked event, the batch's other rows and the token commit or roll back together.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    public static final String TABLE = "query_side.dead_letter_entry";

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Replaces Axon's own provider (which would give a queue only to groups with {@code dlq.enabled}): every
     * processing group gets one, so a projection added later is covered without a setting to remember.
     */
    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            ConnectionProvider connectionProvider, TransactionManager transactionManager, DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer genericSerializer,
            DeadLetterProperties properties) {
        return new DeadLetterQueueProviderConfigurerModule(new EventProcessorProperties(), group -> null) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing()
                        .registerDeadLetterQueueProvider(group -> configuration -> new ParkingLog(group,
                                JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(group)
                                        .connectionProvider(connectionProvider)
                                        .transactionManager(transactionManager)
                                        .schema(schema)
                                        .genericSerializer(genericSerializer)
                                        .eventSerializer(eventSerializer)
                                        .maxSequences(properties.maxSequences())
                                        .claimDuration(properties.claimDuration())
                                        .build()))
                        .registerDefaultDeadLetterPolicy(configuration -> enqueuePolicy());
            }
        };
    }

    /**
     * Park every event that still failed after its attempts, and count the attempts in the letter's diagnostics
     * (a retry that fails again adds its own). The cause kept is the innermost one (the database's own message
     * rather than a wrapper's SQL text), cut to the column's 1023 characters and without NUL characters, which
     * PostgreSQL cannot store in text — the very failure being parked must not stop the parking.
     */
    static EnqueuePolicy<EventMessage<?>> enqueuePolicy() {
        return (letter, cause) -> {
            int attempts = SavepointPerEvent.takeAttempts();
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage()).replace('\u0000', ' ');
            if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
                message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
            }
            ThrowableCause kept = new ThrowableCause(root.getClass().getName(), message);
            return Decisions.requeue(kept, parked -> {
                Object before = parked.diagnostics().get("attempts");
                int earlier = before instanceof Number number ? number.intValue() : 0;
                return parked.diagnostics().and("attempts", earlier + attempts);
            });
        };
    }

    @Bean
    public SavepointPerEvent savepointPerEvent(DataSource dataSource, EntityManager entityManager,
                                               DeadLetterProperties properties) {
        return new SavepointPerEvent(dataSource, entityManager, properties);
    }
}

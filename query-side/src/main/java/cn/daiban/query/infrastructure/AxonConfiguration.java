package cn.daiban.query.infrastructure;

import cn.daiban.kernel.eventstore.EventStoreLayout;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        String prefix = EventStoreLayout.SCHEMA + ".";
        return EventSchema.builder()
                .eventTable(prefix + EventStoreLayout.EVENT_TABLE)
                .snapshotTable(prefix + EventStoreLayout.SNAPSHOT_TABLE)
                .globalIndexColumn(EventStoreLayout.GLOBAL_INDEX)
                .timestampColumn(EventStoreLayout.TIMESTAMP)
                .eventIdentifierColumn(EventStoreLayout.EVENT_IDENTIFIER)
                .aggregateIdentifierColumn(EventStoreLayout.AGGREGATE_IDENTIFIER)
                .sequenceNumberColumn(EventStoreLayout.SEQUENCE_NUMBER)
                .typeColumn(EventStoreLayout.TYPE)
                .payloadTypeColumn(EventStoreLayout.PAYLOAD_TYPE)
                .payloadRevisionColumn(EventStoreLayout.PAYLOAD_REVISION)
                .payloadColumn(EventStoreLayout.PAYLOAD)
                .metaDataColumn(EventStoreLayout.META_DATA)
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return new TokenSchema.Builder()
                .setTokenTable("query_side.token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}

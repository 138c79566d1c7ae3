package cn.daiban.kernel.eventstore;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The embedded event store's table and column names (created by the command side's Flyway migration
 * {@code V1__event_store.sql}, schema {@value #SCHEMA}). The command side writes there; in the embedded mode
 * the query side reads the same tables to follow the stream. With Axon Server neither uses them.
 */
public final class EventStoreLayout {

    public static final String SCHEMA = "command_side";
    public static final String EVENT_TABLE = "domain_event_entry";
    public static final String SNAPSHOT_TABLE = "snapshot_event_entry";
    public static final String GLOBAL_INDEX = "global_index";
    public static final String TIMESTAMP = "time_stamp";
    public static final String EVENT_IDENTIFIER = "event_identifier";
    public static final String AGGREGATE_IDENTIFIER = "aggregate_identifier";
    public static final String SEQUENCE_NUMBER = "sequence_number";
    public static final String TYPE = "type";
    public static final String PAYLOAD_TYPE = "payload_type";
    public static final String PAYLOAD_REVISION = "payload_revision";
    public static final String PAYLOAD = "payload";
    public static final String META_DATA = "meta_data";

    private EventStoreLayout() {
    }

    /** Axon's JDBC event schema for these tables, qualified with the schema. */
    public static EventSchema eventSchema() {
        String prefix = SCHEMA + ".";
        return EventSchema.builder()
                .eventTable(prefix + EVENT_TABLE)
                .snapshotTable(prefix + SNAPSHOT_TABLE)
                .globalIndexColumn(GLOBAL_INDEX)
                .timestampColumn(TIMESTAMP)
                .eventIdentifierColumn(EVENT_IDENTIFIER)
                .aggregateIdentifierColumn(AGGREGATE_IDENTIFIER)
                .sequenceNumberColumn(SEQUENCE_NUMBER)
                .typeColumn(TYPE)
                .payloadTypeColumn(PAYLOAD_TYPE)
                .payloadRevisionColumn(PAYLOAD_REVISION)
                .payloadColumn(PAYLOAD)
                .metaDataColumn(META_DATA)
                .build();
    }

    /** The token table layout both sides' Flyway migrations create ({@code token_entry}) in the given table. */
    public static TokenSchema tokenSchema(String table) {
        return new TokenSchema.Builder()
                .setTokenTable(table)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}

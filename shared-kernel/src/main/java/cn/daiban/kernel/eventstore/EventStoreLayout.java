package cn.daiban.kernel.eventstore;

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
}

package cn.daiban.command.infrastructure;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventHash;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends events like Axon's own statement and copies who / where / which request from the metadata into indexed
 * columns (kept for SQL readers of existing stores; the audit itself reads through Axon's API and its own index).
 * Events arrive chained by {@link EventHashChain} (hash and previous hash in the metadata, the same on Axon Server)
 * and are stored as they are; an event that arrives unchained (appended past the event bus) is chained here the
 * same way, its previous hash read in the same transaction.
 */
class HashChainingAppendStatement implements AppendEventsStatementBuilder {

    static final String ACTOR_COLUMN = "actor_id";
    static final String STATION_COLUMN = "station_code";
    static final String CORRELATION_COLUMN = "correlation_id";

    private static String text(Object value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "insert into " + schema.domainEventTable() + " (" + String.join(", ",
                schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn(),
                ACTOR_COLUMN, STATION_COLUMN, CORRELATION_COLUMN)
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        PreparedStatement statement = connection.prepareStatement(sql);
        Map<String, String> lastHashInBatch = new HashMap<>();
        for (EventMessage<?> eventMessage : events) {
            DomainEventMessage<?> event = EventUtils.asDomainEventMessage(eventMessage);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
            byte[] metaData;
            Object chained = event.getMetaData().get(EventHash.HASH);
            if (chained != null) {
                // Chained on the way in (EventHashChain), as with Axon Server: stored as it is.
                lastHashInBatch.put(event.getAggregateIdentifier(), chained.toString());
                metaData = event.serializeMetaData(serializer, byte[].class).getData();
            } else {
                // Appended without going through the event bus's interceptors: chained here, the same way.
                SerializedObject<byte[]> plainMetaData = event.serializeMetaData(serializer, byte[].class);
                String previous = lastHashInBatch.containsKey(event.getAggregateIdentifier())
                        ? lastHashInBatch.get(event.getAggregateIdentifier())
                        : previousHash(connection, schema, event);
                String hash = EventHash.of(new EventHash.StoredRow(event.getIdentifier(),
                        event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(), timestamp,
                        payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                        plainMetaData.getData()), previous);
                lastHashInBatch.put(event.getAggregateIdentifier(), hash);
                metaData = serializer.serialize(event.getMetaData().mergedWith(MetaData.with(EventHash.HASH, hash)
                        .and(EventHash.PREVIOUS_HASH, previous)), byte[].class).getData();
            }

            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, timestamp);
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setBytes(8, payload.getData());
            statement.setBytes(9, metaData);
            statement.setString(10, text(event.getMetaData().get(MetadataKeys.ACTOR_ID), 64));
            statement.setString(11, text(event.getMetaData().get(MetadataKeys.STATION_CODE), 20));
            statement.setString(12, text(event.getMetaData().get(MetadataKeys.CORRELATION_ID), 128));
            statement.addBatch();
        }
        return statement;
    }

    private static String previousHash(Connection connection, EventSchema schema, DomainEventMessage<?> event)
            throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return EventHash.GENESIS;
        }
        try (PreparedStatement previous = connection.prepareStatement("select " + schema.metaDataColumn()
                + " from " + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn()
                + " = ? and " + schema.sequenceNumberColumn() + " = ?")) {
            previous.setString(1, event.getAggregateIdentifier());
            previous.setLong(2, event.getSequenceNumber() - 1);
            try (ResultSet row = previous.executeQuery()) {
                if (row.next()) {
                    String hash = EventHash.read(row.getBytes(1), EventHash.HASH);
                    if (hash != null) {
                        return hash;
                    }
                }
            }
        }
        return EventHash.GENESIS;
    }
}

package cn.daiban.query.audit;

import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Feeds {@code audit_index} (Flyway {@code V96__audit_index.sql}) from every event, whichever engine stores it: its
 * stream position, stream and sequence, type, actor, station and time. Replays are harmless (one row per event id).
 */
@Component
@ProcessingGroup(AuditIndexProjection.GROUP)
class AuditIndexProjection {

    static final String GROUP = "audit-index";

    private final JdbcTemplate jdbc;

    AuditIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> event, TrackingToken token) {
        String aggregateId = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : event.getIdentifier();
        long sequence = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : 0;
        jdbc.update("""
                        insert into audit_index (event_identifier, position, aggregate_identifier, sequence_number,
                            event_type, actor_id, station_code, time_stamp)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (event_identifier) do nothing""",
                event.getIdentifier(), token.position().orElse(0), aggregateId, sequence,
                event.getPayloadType().getName(), text(event, MetadataKeys.ACTOR_ID),
                text(event, MetadataKeys.STATION_CODE), Timestamp.from(event.getTimestamp()));
    }

    private static String text(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from audit_index");
    }
}

package cn.daiban.query.audit;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventStoreLayout;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JDBC store's own extra: it copies actor, station and correlation id from the metadata into indexed columns
 * ({@code V5__event_audit_columns.sql}), which the verification checks against the (hashed) metadata. Axon Server
 * keeps no such columns, so there is nothing to check there and this bean does not exist.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class StoredColumns {

    record Columns(String actorId, String stationCode, String correlationId) {
        boolean agreeWith(EventStoreAudit.Stored event) {
            return Objects.equals(actorId, event.meta(MetadataKeys.ACTOR_ID))
                    && Objects.equals(stationCode, event.meta(MetadataKeys.STATION_CODE))
                    && Objects.equals(correlationId, event.meta(MetadataKeys.CORRELATION_ID));
        }
    }

    private final JdbcTemplate jdbc;

    StoredColumns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Columns> of(List<String> eventIdentifiers) {
        Map<String, Columns> found = new HashMap<>();
        if (eventIdentifiers.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select event_identifier, actor_id, station_code, correlation_id from "
                    + EventStoreLayout.SCHEMA + "." + EventStoreLayout.EVENT_TABLE + " where event_identifier = any(?)");
            statement.setArray(1, connection.createArrayOf("varchar", eventIdentifiers.toArray()));
            return statement;
        }, rs -> {
            found.put(rs.getString(1), new Columns(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
        return found;
    }
}

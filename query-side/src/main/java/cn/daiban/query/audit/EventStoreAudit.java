package cn.daiban.query.audit;

import cn.daiban.kernel.audit.AuditHistoryResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse.Break;
import cn.daiban.kernel.audit.ChainVerificationResponse.Problem;
import cn.daiban.kernel.audit.FetchAuditHistoryQuery;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventHash;
import cn.daiban.kernel.eventstore.EventStoreLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the event store itself (not a projection that could drift): histories, the hash-chain verification and
 * store digests. Embedded mode: the command side's event table in the same PostgreSQL; every walk streams rows
 * with a cursor, whatever the store's size.
 */
@Component
class EventStoreAudit {

    private static final String TABLE = EventStoreLayout.SCHEMA + "." + EventStoreLayout.EVENT_TABLE;
    private static final String COLUMNS = """
            global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
            payload_revision, payload, meta_data, actor_id, station_code, correlation_id""";
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    EventStoreAudit(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public AuditHistoryResponse history(FetchAuditHistoryQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from " + TABLE + " where global_index > ?");
        List<Object> args = new ArrayList<>(List.of(query.after()));
        if (query.aggregateId() != null) {
            sql.append(" and aggregate_identifier = ?");
            args.add(query.aggregateId());
        }
        if (query.actorId() != null) {
            sql.append(" and actor_id = ?");
            args.add(query.actorId());
        }
        if (query.stationCode() != null) {
            sql.append(" and station_code = ?");
            args.add(query.stationCode());
        }
        if (query.eventType() != null) {
            sql.append(" and (payload_type = ? or payload_type like ?)");
            args.add(query.eventType());
            args.add("%." + query.eventType());
        }
        if (query.from() != null) {
            sql.append(" and time_stamp >= ?");
            args.add(DateTimeUtils.formatInstant(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and time_stamp < ?");
            args.add(DateTimeUtils.formatInstant(query.to()));
        }
        sql.append(" order by global_index limit ?");
        args.add(query.size() + 1);
        List<AuditHistoryResponse.Entry> entries = jdbc.query(sql.toString(), (rs, n) -> entry(rs), args.toArray());
        Long next = null;
        if (entries.size() > query.size()) {
            entries = entries.subList(0, query.size());
            next = entries.get(entries.size() - 1).globalIndex();
        }
        return new AuditHistoryResponse(List.copyOf(entries), next);
    }

    private AuditHistoryResponse.Entry entry(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payload_type");
        String eventType = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        String payload = new String(rs.getBytes("payload"), StandardCharsets.UTF_8);
        return new AuditHistoryResponse.Entry(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("type"), Instant.parse(rs.getString("time_stamp")),
                eventType, rs.getString("actor_id"), rs.getString("station_code"), rs.getString("correlation_id"),
                EventSummaries.summarise(eventType, readTree(payload)), payload,
                EventHash.read(rs.getBytes("meta_data"), EventHash.HASH));
    }

    /** Walks one stream, or all of them, recomputing every hash. */
    @Transactional(readOnly = true)
    public ChainVerificationResponse verify(String aggregateId) {
        Walk walk = new Walk();
        if (aggregateId == null) {
            stream("select " + COLUMNS + " from " + TABLE + " order by aggregate_identifier, sequence_number",
                    walk::accept);
        } else {
            stream("select " + COLUMNS + " from " + TABLE
                    + " where aggregate_identifier = ? order by sequence_number", walk::accept, aggregateId);
        }
        return walk.result();
    }

    /** The highest global index the digest may safely cover: events that committed a while ago. */
    @Transactional(readOnly = true)
    public long settledGlobalIndex(Instant settledBefore) {
        Long max = jdbc.queryForObject("select max(global_index) from " + TABLE + " where time_stamp < ?",
                Long.class, DateTimeUtils.formatInstant(settledBefore));
        return max == null ? 0 : max;
    }

    /** Walks every event up to {@code upToGlobalIndex} and digests the streams' recomputed heads. */
    @Transactional(readOnly = true)
    public Digest digest(long upToGlobalIndex) {
        Walk walk = new Walk();
        stream("select " + COLUMNS + " from " + TABLE + " where global_index <= ? "
                + "order by aggregate_identifier, sequence_number", walk::accept, upToGlobalIndex);
        ChainVerificationResponse chain = walk.result();
        return new Digest(upToGlobalIndex, chain.streams(), chain.events(), EventHash.digest(walk.heads()), chain);
    }

    record Digest(long upToGlobalIndex, long streams, long events, String digest, ChainVerificationResponse chain) {
    }

    private void stream(String sql, RowCallbackHandler handler, Object... args) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, handler);
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** One pass over rows ordered by stream and sequence. */
    private static final class Walk {
        private String aggregate;
        private long expectedSequence;
        private String previous;
        private String lastLine;
        private long streams;
        private long events;
        private Break firstBreak;
        private final List<String> heads = new ArrayList<>();

        void accept(ResultSet rs) throws SQLException {
            String aggregateId = rs.getString("aggregate_identifier");
            long sequence = rs.getLong("sequence_number");
            if (!aggregateId.equals(aggregate)) {
                closeStream();
                aggregate = aggregateId;
                expectedSequence = 0;
                previous = EventHash.GENESIS;
                streams++;
            }
            events++;
            byte[] metaData = rs.getBytes("meta_data");
            String storedHash = EventHash.read(metaData, EventHash.HASH);
            String storedPrevious = EventHash.read(metaData, EventHash.PREVIOUS_HASH);
            String recomputed = EventHash.of(new EventHash.StoredRow(rs.getString("event_identifier"), aggregateId,
                    sequence, rs.getString("type"), rs.getString("time_stamp"), rs.getString("payload_type"),
                    rs.getString("payload_revision"), rs.getBytes("payload"), metaData), previous);
            if (storedHash == null && storedPrevious == null) {
                record(Problem.UNCHAINED, rs, "stored without a hash: written before the chain existed, or stripped");
            } else if (sequence != expectedSequence) {
                record(Problem.MISSING_EVENTS, rs, "sequence " + expectedSequence
                        + (sequence - 1 > expectedSequence ? " to " + (sequence - 1) : "") + " missing before it");
            } else if (!Objects.equals(storedPrevious, previous)) {
                record(Problem.BROKEN_LINK, rs, "does not point at the hash of the event before it");
            } else if (!recomputed.equals(storedHash)) {
                record(Problem.ALTERED, rs, "the stored row no longer matches its hash");
            } else if (!columnsAgree(rs, metaData)) {
                record(Problem.COLUMNS_DISAGREE_WITH_METADATA, rs, "actor, station or correlation columns changed");
            }
            previous = recomputed;
            expectedSequence = sequence + 1;
            lastLine = aggregateId + ":" + sequence + ":" + recomputed;
        }

        private static boolean columnsAgree(ResultSet rs, byte[] metaData) throws SQLException {
            return Objects.equals(rs.getString("actor_id"), EventHash.read(metaData, MetadataKeys.ACTOR_ID))
                    && Objects.equals(rs.getString("station_code"), EventHash.read(metaData, MetadataKeys.STATION_CODE))
                    && Objects.equals(rs.getString("correlation_id"),
                    EventHash.read(metaData, MetadataKeys.CORRELATION_ID));
        }

        private void record(Problem problem, ResultSet rs, String detail) throws SQLException {
            if (firstBreak == null) {
                firstBreak = new Break(problem, rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                        rs.getLong("global_index"), rs.getString("event_identifier"), detail);
            }
        }

        private void closeStream() {
            if (lastLine != null) {
                heads.add(lastLine);
                lastLine = null;
            }
        }

        List<String> heads() {
            closeStream();
            return heads;
        }

        ChainVerificationResponse result() {
            return new ChainVerificationResponse(firstBreak == null, streams, events, firstBreak);
        }
    }
}

package cn.daiban.query.deadletter;

import cn.daiban.kernel.common.InvalidValueException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parked events of every processing group ({@code query_side.dead_letter_entry}, Axon's sequenced dead-letter
 * queue): what is parked and why, retrying a sequence through the group's own handlers, and evicting one with a
 * reason that is kept ({@code query_side.dead_letter_eviction}).
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger("cn.daiban.query.deadletters");
    /** A retry drains a sequence; events queued behind it meanwhile are taken too, a few rounds at most. */
    private static final int RETRY_ROUNDS = 5;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    DeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc, ObjectMapper json,
                PlatformTransactionManager transactions) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** One parked event. {@code attempts}: how often its handler ran and failed (retries included). */
    public record Letter(String group, String sequence, long index, String eventId, String eventType,
                         String aggregateType, Long aggregateSequence, Long position, Instant eventTime,
                         String causeType, String causeMessage, Instant firstAttempt, Instant lastAttempt,
                         int attempts) {
    }

    /** What a retry did: whether the sequence is drained, and how many of its events are still parked. */
    public record Retry(String group, String sequence, boolean drained, long remaining) {
    }

    /** What an eviction removed. */
    public record Eviction(String group, String sequence, List<String> eventIds, String evictedBy, String reason) {
    }

    /** The processing groups, sorted. */
    public List<String> groups() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** Parked events per processing group, every group named (0 when none). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        groups().forEach(group -> counts.put(group, 0L));
        jdbc.query("select processing_group, count(*) from dead_letter_entry group by processing_group",
                (ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Every parked event, by group, sequence and place in the sequence. */
    public List<Letter> letters() {
        return jdbc.query("""
                select * from dead_letter_entry order by processing_group, sequence_identifier, sequence_index""",
                (rs, n) -> letter(rs));
    }

    public List<Letter> letters(String group) {
        requireGroup(group);
        return jdbc.query("""
                select * from dead_letter_entry where processing_group = ?
                order by sequence_identifier, sequence_index""", (rs, n) -> letter(rs), group);
    }

    /** The processing groups in which the sequence (an aggregate's id) has parked events: its views are incomplete. */
    public List<String> parkedGroups(String sequence) {
        return jdbc.queryForList("""
                select distinct processing_group from dead_letter_entry where sequence_identifier = ?
                order by processing_group""", String.class, sequence);
    }

    /**
     * Processes the parked events of {@code sequence} again, in order, through the group's handlers; each that
     * succeeds is removed, the first that fails again stays parked (with one more attempt counted) and so do those
     * behind it.
     */
    public Retry retry(String group, String sequence) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
        if (count(group, sequence) == 0) {
            throw new NothingParkedException(group, sequence);
        }
        for (int round = 0; round < RETRY_ROUNDS && count(group, sequence) > 0; round++) {
            boolean drained = processor.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                    && sequence.equals(stored.getSequenceIdentifier()));
            if (!drained) {
                break;
            }
        }
        long remaining = count(group, sequence);
        log.info("retry of sequence {} in processing group {}: {}", sequence, group,
                remaining == 0 ? "drained" : remaining + " event(s) still parked");
        return new Retry(group, sequence, remaining == 0, remaining);
    }

    /** Retries every parked sequence of the group; one that fails again does not stop the others. */
    public List<Retry> retryAll(String group) {
        requireGroup(group);
        List<String> sequences = jdbc.queryForList("""
                select distinct sequence_identifier from dead_letter_entry where processing_group = ?
                order by sequence_identifier""", String.class, group);
        return sequences.stream().map(sequence -> {
            try {
                return retry(group, sequence);
            } catch (NothingParkedException drainedMeanwhile) {
                return new Retry(group, sequence, true, 0);
            }
        }).toList();
    }

    /**
     * Gives up on the parked events of {@code sequence}: they are removed from the queue (so later events of the
     * sequence are handled again) and each is recorded with who, when and why. The events stay in the event
     * store (it is append-only); rebuilds and point-in-time views of the group skip them for good
     * ({@link #evictedEventIds}), so the view stays without them, also after a rebuild.
     */
    public Eviction evict(String group, String sequence, String reason, String who) {
        requireGroup(group);
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "is required: say why the parked events are given up");
        }
        if (reason.length() > 1000 || reason.indexOf('\u0000') >= 0) {
            throw new InvalidValueException("reason", "must be at most 1000 characters of text");
        }
        List<String> evicted = transaction.execute(status -> {
            List<Letter> letters = jdbc.query("""
                    select * from dead_letter_entry where processing_group = ? and sequence_identifier = ?
                    order by sequence_index for update""", (rs, n) -> letter(rs), group, sequence);
            if (letters.isEmpty()) {
                throw new NothingParkedException(group, sequence);
            }
            for (Letter letter : letters) {
                jdbc.update("""
                                insert into dead_letter_eviction (processing_group, sequence_identifier, event_identifier,
                                    event_type, aggregate_sequence, event_position, cause_type, cause_message,
                                    enqueued_at, evicted_by, reason)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        group, sequence, letter.eventId(), letter.eventType(), letter.aggregateSequence(),
                        letter.position(), letter.causeType(), letter.causeMessage(),
                        letter.firstAttempt() == null ? null : Timestamp.from(letter.firstAttempt()), who, reason);
            }
            jdbc.update("delete from dead_letter_entry where processing_group = ? and sequence_identifier = ?",
                    group, sequence);
            return letters.stream().map(Letter::eventId).toList();
        });
        log.warn("{} evicted {} parked event(s) of sequence {} from processing group {}: {}", who, evicted.size(),
                sequence, group, reason);
        return new Eviction(group, sequence, evicted, who, reason);
    }

    /** The evictions recorded for a group, newest first. */
    public List<Map<String, Object>> evictions(String group) {
        requireGroup(group);
        return jdbc.query("""
                select * from dead_letter_eviction where processing_group = ? order by evicted_at desc, id desc""",
                (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group", rs.getString("processing_group"));
                    row.put("sequence", rs.getString("sequence_identifier"));
                    row.put("eventId", rs.getString("event_identifier"));
                    row.put("eventType", rs.getString("event_type"));
                    row.put("aggregateSequence", (Long) rs.getObject("aggregate_sequence"));
                    row.put("position", (Long) rs.getObject("event_position"));
                    row.put("causeType", rs.getString("cause_type"));
                    row.put("causeMessage", rs.getString("cause_message"));
                    row.put("evictedBy", rs.getString("evicted_by"));
                    row.put("evictedAt", rs.getTimestamp("evicted_at").toInstant());
                    row.put("reason", rs.getString("reason"));
                    return row;
                }, group);
    }

    /**
     * The identifiers of the events evicted for {@code group}: the administrator's recorded decision to give them up
     * for that group, so a rebuild or a point-in-time view of the group passes over them (the events stay in the
     * event store, and other groups still handle them). Read once at the start of a replay; the table holds one row
     * per evicted event, so it is small (assumption: evictions are rare, hand-made decisions, not thousands).
     */
    public Set<String> evictedEventIds(String group) {
        return new HashSet<>(jdbc.queryForList("""
                select distinct event_identifier from dead_letter_eviction where processing_group = ?""",
                String.class, group));
    }

    private long count(String group, String sequence) {
        Long count = jdbc.queryForObject("""
                select count(*) from dead_letter_entry where processing_group = ? and sequence_identifier = ?""",
                Long.class, group, sequence);
        return count == null ? 0 : count;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        requireGroup(group);
        return processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("processing group " + group + " has no dead-letter queue"));
    }

    private void requireGroup(String group) {
        if (!processing.eventProcessors().containsKey(group)) {
            throw new UnknownGroupException(group, groups());
        }
    }

    private Letter letter(ResultSet rs) throws SQLException {
        Long aggregateSequence = (Long) rs.getObject("sequence_number");
        return new Letter(rs.getString("processing_group"), rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"), rs.getString("event_identifier"), rs.getString("payload_type"),
                rs.getString("aggregate_type"), aggregateSequence, position(rs.getBytes("token")),
                instant(rs.getString("time_stamp")), rs.getString("cause_type"), rs.getString("cause_message"),
                instant(rs.getString("enqueued_at")), instant(rs.getString("last_touched")),
                attempts(rs.getBytes("diagnostics")));
    }

    /** The event's place in the stream, from its serialized tracking token (gap-aware, global, or replaying). */
    private Long position(byte[] token) {
        if (token == null) {
            return null;
        }
        try {
            return position(json.readTree(token));
        } catch (IOException e) {
            return null;
        }
    }

    private static Long position(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        for (String field : List.of("index", "globalIndex")) {
            if (token.has(field) && token.get(field).canConvertToLong()) {
                return token.get(field).asLong();
            }
        }
        return position(token.get("currentToken"));
    }

    private int attempts(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            JsonNode node = json.readTree(diagnostics);
            return node.has("attempts") ? node.get("attempts").asInt() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }

    /** No such processing group: 404. */
    public static class UnknownGroupException extends RuntimeException {
        UnknownGroupException(String group, List<String> known) {
            super("no processing group " + group + " (known: " + known + ")");
        }
    }

    /** Nothing of that sequence is parked in that group: 404. */
    public static class NothingParkedException extends RuntimeException {
        NothingParkedException(String group, String sequence) {
            super("nothing of sequence " + sequence + " is parked in processing group " + group);
        }
    }
}

package cn.daiban.query.audit;

import cn.daiban.kernel.eventstore.EventHash;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit reads the event store itself: streams written as the command side writes them (hash-chained rows
 * with actor, station and correlation columns) are read back complete and in order, and tampering with the
 * rows directly in PostgreSQL is named.
 */
class EventStoreAuditIT extends PostgresIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    /** Appends {@code count} chained events to a new stream, as the command side's append statement does. */
    String chainedStream(int count, String actor, Instant start) {
        return chainedStream(count, actor, start, "");
    }

    /** The same, with {@code extraPayload} (JSON members, starting with a comma) in every payload. */
    String chainedStream(int count, String actor, Instant start, String extraPayload) {
        String aggregateId = UUID.randomUUID().toString();
        String previous = EventHash.GENESIS;
        for (int sequence = 0; sequence < count; sequence++) {
            String eventId = UUID.randomUUID().toString();
            String timestamp = DateTimeUtils.formatInstant(start.plus(sequence, ChronoUnit.MINUTES));
            byte[] payload = ("{\"delegationId\":\"" + aggregateId + "\",\"note\":\"第" + sequence + "步\"" + extraPayload + "}")
                    .getBytes(StandardCharsets.UTF_8);
            String plainMeta = "{\"actorId\":\"" + actor + "\",\"stationCode\":\"140521101201\",\"correlationId\":\"c-"
                    + aggregateId + "\"}";
            String hash = EventHash.of(new EventHash.StoredRow(eventId, aggregateId, sequence, "Delegation",
                    timestamp, "cn.daiban.kernel.delegation.ProgressReportedEvent", "1", payload,
                    plainMeta.getBytes(StandardCharsets.UTF_8)), previous);
            String meta = plainMeta.substring(0, plainMeta.length() - 1) + ",\"" + EventHash.HASH + "\":\"" + hash
                    + "\",\"" + EventHash.PREVIOUS_HASH + "\":\"" + previous + "\"}";
            jdbc.update("""
                            insert into command_side.domain_event_entry (event_identifier, aggregate_identifier,
                                sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data,
                                actor_id, station_code, correlation_id)
                            values (?, ?, ?, 'Delegation', ?, 'cn.daiban.kernel.delegation.ProgressReportedEvent', '1',
                                    ?, ?, ?, '140521101201', ?)""",
                    eventId, aggregateId, sequence, timestamp, payload, meta.getBytes(StandardCharsets.UTF_8), actor,
                    "c-" + aggregateId);
            previous = hash;
        }
        return aggregateId;
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void historyIsReadBackCompleteAndInOrderAcrossPages() throws Exception {
        String id = chainedStream(7, "agent-a", Instant.parse("2026-11-02T01:00:00Z"));
        // Read at once: the history itself waits for every segment of the index to pass the stream's last event.
        JsonNode first = get("/api/audit/streams/" + id + "?size=3");
        assertThat(first.get("indexComplete").asBoolean()).isTrue();
        assertThat(first.get("entries")).hasSize(3);
        assertThat(first.get("entries").get(0).get("summary").asText()).isEqualTo("告知办理进度：第0步");
        assertThat(first.get("entries").get(0).get("actorId").asText()).isEqualTo("agent-a");
        long next = first.get("next").asLong();
        JsonNode second = get("/api/audit/streams/" + id + "?size=3&after=" + next);
        JsonNode third = get("/api/audit/streams/" + id + "?size=3&after=" + second.get("next").asLong());
        assertThat(third.get("entries")).hasSize(1);
        assertThat(third.has("next")).as("no next page after the last").isFalse();
        assertThat(third.get("entries").get(0).get("sequenceNumber").asLong()).isEqualTo(6);
    }

    @Test
    void whatAnAgentDidInAWeekComesFromTheEvents() throws Exception {
        String actor = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        chainedStream(2, actor, Instant.parse("2026-11-09T01:00:00Z"));
        chainedStream(3, actor, Instant.parse("2026-11-20T01:00:00Z"));
        JsonNode week = get("/api/audit/actors/" + actor + "?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z");
        assertThat(week.get("entries")).hasSize(3);
    }

    @Test
    void intactStreamVerifies() throws Exception {
        String id = chainedStream(4, "agent-b", Instant.parse("2026-11-03T01:00:00Z"));
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("events").asLong()).isEqualTo(4);
    }

    @Test
    void editedRowIsNamed() throws Exception {
        String id = chainedStream(4, "agent-c", Instant.parse("2026-11-04T01:00:00Z"));
        jdbc.update("""
                update command_side.domain_event_entry
                set payload = convert_to(replace(convert_from(payload, 'UTF8'), '第2步', '第9步'), 'UTF8')
                where aggregate_identifier = ? and sequence_number = 2""", id);
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("intact").asBoolean()).isFalse();
        assertThat(result.get("firstBreak").get("problem").asText()).isEqualTo("ALTERED");
        assertThat(result.get("firstBreak").get("sequenceNumber").asLong()).isEqualTo(2);
    }

    @Test
    void deletedRowLeavesANamedGap() throws Exception {
        String id = chainedStream(5, "agent-d", Instant.parse("2026-11-05T01:00:00Z"));
        jdbc.update("delete from command_side.domain_event_entry where aggregate_identifier = ? and sequence_number = 1", id);
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("firstBreak").get("problem").asText()).isEqualTo("MISSING_EVENTS");
        assertThat(result.get("firstBreak").get("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(result.get("firstBreak").get("detail").asText()).contains("sequence 1");
    }

    @Test
    void changedActorColumnIsNamed() throws Exception {
        String id = chainedStream(2, "agent-e", Instant.parse("2026-11-06T01:00:00Z"));
        jdbc.update("update command_side.domain_event_entry set actor_id = 'someone-else' where aggregate_identifier = ?", id);
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("firstBreak").get("problem").asText()).isEqualTo("COLUMNS_DISAGREE_WITH_METADATA");
    }

    @Test
    void alteringAnOldEventNoLongerMatchesADigestTakenBefore() throws Exception {
        String id = chainedStream(3, "agent-f", Instant.parse("2026-11-01T01:00:00Z"));
        long upTo = jdbc.queryForObject("select max(global_index) from command_side.domain_event_entry", Long.class);
        JsonNode kept = json.readTree(http.postForEntity("/api/audit/digest/check",
                Map.of("upToGlobalIndex", upTo, "digest", "0".repeat(64)), String.class).getBody());
        String digest = kept.get("recomputedDigest").asText();
        assertThat(json.readTree(http.postForEntity("/api/audit/digest/check",
                Map.of("upToGlobalIndex", upTo, "digest", digest), String.class).getBody()).get("matches").asBoolean())
                .isTrue();

        jdbc.update("""
                update command_side.domain_event_entry
                set payload = convert_to(replace(convert_from(payload, 'UTF8'), '第0步', '第0步(改)'), 'UTF8')
                where aggregate_identifier = ? and sequence_number = 0""", id);
        JsonNode after = json.readTree(http.postForEntity("/api/audit/digest/check",
                Map.of("upToGlobalIndex", upTo, "digest", digest), String.class).getBody());
        assertThat(after.get("matches").asBoolean()).isFalse();
        assertThat(after.get("chain").get("intact").asBoolean()).isFalse();
        // Later events appended after the digest do not change it.
        jdbc.update("""
                update command_side.domain_event_entry
                set payload = convert_to(replace(convert_from(payload, 'UTF8'), '第0步(改)', '第0步'), 'UTF8')
                where aggregate_identifier = ? and sequence_number = 0""", id);
        chainedStream(2, "agent-g", Instant.parse("2026-11-10T01:00:00Z"));
        assertThat(json.readTree(http.postForEntity("/api/audit/digest/check",
                Map.of("upToGlobalIndex", upTo, "digest", digest), String.class).getBody()).get("matches").asBoolean())
                .isTrue();
    }

    @Test
    void strippedHashIsNamed() throws Exception {
        String id = chainedStream(2, "agent-i", Instant.parse("2026-11-07T01:00:00Z"));
        jdbc.update("update command_side.domain_event_entry set meta_data = convert_to('{\"actorId\":\"agent-i\",\"stationCode\":\"140521101201\",\"correlationId\":\"c-' || aggregate_identifier || '\"}', 'UTF8') where aggregate_identifier = ? and sequence_number = 1", id);
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("firstBreak").get("problem").asText()).isEqualTo("UNCHAINED");
        assertThat(result.get("firstBreak").get("sequenceNumber").asLong()).isEqualTo(1);
    }

    @Test
    void digestCanBeTaken() throws Exception {
        chainedStream(1, "agent-h", Instant.parse("2026-11-01T02:00:00Z"));
        JsonNode digest = get("/api/audit/digest");
        assertThat(digest.get("digest").asText()).hasSize(64);
        assertThat(digest.get("streams").asLong()).isPositive();
    }

    @Test
    void anErasedSubjectsSealedEventsStillVerifyAndReadAsStored() throws Exception {
        // A value sealed under a data subject whose key no longer exists (erased): the audit never opens it, it hashes
        // and shows the stored bytes.
        String sealed = "pii:v1:erased-" + UUID.randomUUID() + ":QUJDREVGR0hJSktMTU5PUA==";
        String id = chainedStream(3, "agent-j", Instant.parse("2026-11-08T01:00:00Z"),
                ",\"clientName\":\"" + sealed + "\"");
        JsonNode result = get("/api/audit/verification?aggregateId=" + id);
        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("events").asLong()).isEqualTo(3);
        JsonNode history = get("/api/audit/streams/" + id);
        assertThat(history.get("entries")).hasSize(3);
        assertThat(history.get("entries").get(1).get("payload").asText()).contains(sealed);
    }

    @Test
    void theWholeStoreVerifiesThroughTheEventStoreStream() throws Exception {
        chainedStream(2, "agent-k", Instant.parse("2026-11-11T01:00:00Z"));
        JsonNode result = get("/api/audit/verification");
        assertThat(result.get("streams").asLong()).isPositive();
        assertThat(result.get("events").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void historyNeedsToSayWhose() {
        ResponseEntity<String> response = http.getForEntity("/api/audit/streams/ ?size=0", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
}

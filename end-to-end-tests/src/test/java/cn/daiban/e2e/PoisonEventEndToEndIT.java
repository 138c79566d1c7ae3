package cn.daiban.e2e;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventHash;
import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.localpg.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Fault drill on the running backend: a poison event — a NUL character in a progress note, which PostgreSQL cannot
 * keep in a text column — sits in the event store the way an older release, one without a check for it at the
 * boundary, could have written it. The query side parks that delegation's sequence in the dead-letter queue and
 * everything else flows: delegations commissioned after it reach the views, steps on other delegations are
 * projected, the parked one says it is incomplete and an administrator sees it with its cause. The administrator
 * evicts it with a reason, the eviction is kept, and the delegation's next step is projected as usual. The poison
 * event stays in the (append-only) event store: a rebuild of the group skips it as evicted, completes and makes the
 * live rows. The hash chain of the stream still verifies throughout: the poison row carries the hash the command side
 * would have given it.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(7)
class PoisonEventEndToEndIT {

    /**
     * JDBC engine only: the drill writes its poison event straight into {@code command_side.domain_event_entry}, the
     * way an older release of the JDBC engine could have stored it. Axon Server's store has no such back door (every
     * event arrives through its append API, serialized by the application), so the scenario does not exist there.
     */
    @BeforeEach
    void onlyOnTheJdbcEngine() {
        assumeTrue(Backend.engine() == Backend.Engine.JDBC,
                "the poison event is written straight into the JDBC event table; Axon Server has no such table");
    }

    private static final String TABLE = EventStoreLayout.SCHEMA + "." + EventStoreLayout.EVENT_TABLE;
    private static final String PROGRESS = "cn.daiban.kernel.delegation.ProgressReportedEvent";
    private static final Duration FLOW = Duration.ofSeconds(5);

    static Scenario s;
    static String agent;

    static String commission() {
        Map<String, Object> body = s.assist(agent, "RS-001", "孙桂兰", "13912345678");
        body.put("window", "W2");
        return Http.as(agent, s.village).post(command("/api/delegations"), body).expect(201).json().get("id").asText();
    }

    static void reportProgress(String delegation, String note) {
        Http.as(agent, s.village).post(command("/api/delegations/" + delegation + "/progress"),
                Map.of("note", note, "channel", "PHONE")).expect(200);
    }

    static Http.Answer detail(String delegation) {
        return Http.admin().get(query("/api/delegations/" + delegation));
    }

    static List<Long> stepsOfType(JsonNode detail, String simpleName) {
        List<Long> sequences = new ArrayList<>();
        detail.get("steps").forEach(step -> {
            if (step.get("eventType").asText().equals(simpleName)) {
                sequences.add(step.get("sequence").asLong());
            }
        });
        return sequences;
    }

    static boolean inLedger(String delegation) {
        JsonNode rows = Http.admin().get(query("/api/ledger?station=" + s.village)).expect(200).json().get("rows");
        for (JsonNode row : rows) {
            if (delegation.equals(row.path("delegationId").asText())) {
                return true;
            }
        }
        return false;
    }

    static List<JsonNode> parkedLetters(String delegation) {
        List<JsonNode> found = new ArrayList<>();
        Http.admin().get(query("/api/admin/dead-letters")).expect(200).json().get("deadLetters").forEach(letter -> {
            if (letter.get("sequence").asText().equals(delegation)) {
                found.add(letter);
            }
        });
        return found;
    }

    static boolean intact(String delegation) {
        return Http.admin().get(query("/api/audit/verification?aggregateId=" + delegation)).expect(200).json()
                .get("intact").asBoolean();
    }

    /** The rows of a delegation table for these delegations, each rendered as text (columns sorted), sorted. */
    static List<String> rows(String table, String... delegations) throws Exception {
        List<String> rendered = new ArrayList<>();
        try (Connection connection = database();
             PreparedStatement select = connection.prepareStatement("select * from query_side." + table
                     + " where delegation_id = any (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", delegations));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Map<String, String> columns = new java.util.TreeMap<>();
                    for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                        Object value = row.getObject(c);
                        columns.put(row.getMetaData().getColumnName(c), value instanceof byte[] bytes
                                ? java.util.Arrays.toString(bytes) : String.valueOf(value));
                    }
                    rendered.add(columns.toString());
                }
            }
        }
        java.util.Collections.sort(rendered);
        return rendered;
    }

    static Connection database() throws Exception {
        return DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.user(), "");
    }

    /**
     * Appends a progress report with {@code note} as the stream's next event, straight into the event table, as an
     * older release without the boundary check would have stored it: the payload is the stream's last progress
     * report with another note, serialized by Jackson (which writes the NUL as the escape {@code \u0000}, accepted
     * by the {@code bytea} column); the metadata is the head's with a new correlation id; the row is chained like
     * the command side's append statement does it ({@code HashChainingAppendStatement}): the hash over the stored
     * row ({@link EventHash}) and the head's hash as the previous one, in the metadata, and the audit columns agree
     * with the metadata. Returns the poison event's sequence number and identifier.
     *
     * <p>Assumption: the stream's head is a progress report (the drill reports one first), so its payload shape is
     * the current revision of {@code ProgressReportedEvent}.
     */
    static Map.Entry<Long, String> appendAsAnOlderReleaseWould(String delegation, String note) throws Exception {
        try (Connection connection = database()) {
            connection.setAutoCommit(false);
            long sequence;
            String type;
            String payloadType;
            String payloadRevision;
            byte[] headPayload;
            byte[] headMetaData;
            try (PreparedStatement head = connection.prepareStatement("select * from " + TABLE
                    + " where aggregate_identifier = ? order by sequence_number desc limit 1 for update")) {
                head.setString(1, delegation);
                try (ResultSet row = head.executeQuery()) {
                    assertThat(row.next()).as("stream " + delegation).isTrue();
                    sequence = row.getLong("sequence_number") + 1;
                    type = row.getString("type");
                    payloadType = row.getString("payload_type");
                    payloadRevision = row.getString("payload_revision");
                    headPayload = row.getBytes("payload");
                    headMetaData = row.getBytes("meta_data");
                }
            }
            assertThat(payloadType).isEqualTo(PROGRESS);

            ObjectNode payload = (ObjectNode) Http.JSON.readTree(headPayload);
            assertThat(payload.path("note").isTextual()).as("a progress report's note: " + payload).isTrue();
            payload.put("note", note);
            byte[] payloadBytes = Http.JSON.writeValueAsBytes(payload);

            String previous = EventHash.read(headMetaData, EventHash.HASH);
            assertThat(previous).as("the head is chained").isNotNull();
            ObjectNode metaData = (ObjectNode) Http.JSON.readTree(headMetaData);
            metaData.remove(List.of(EventHash.HASH, EventHash.PREVIOUS_HASH));
            metaData.put(MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString());
            String eventId = UUID.randomUUID().toString();
            String timestamp = DateTimeUtils.formatInstant(Instant.now());
            String hash = EventHash.of(new EventHash.StoredRow(eventId, delegation, sequence, type, timestamp,
                    payloadType, payloadRevision, payloadBytes, Http.JSON.writeValueAsBytes(metaData)), previous);
            metaData.put(EventHash.HASH, hash);
            metaData.put(EventHash.PREVIOUS_HASH, previous);

            try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + """
                     (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
                     payload_revision, payload, meta_data, actor_id, station_code, correlation_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, eventId);
                insert.setString(2, delegation);
                insert.setLong(3, sequence);
                insert.setString(4, type);
                insert.setString(5, timestamp);
                insert.setString(6, payloadType);
                insert.setString(7, payloadRevision);
                insert.setBytes(8, payloadBytes);
                insert.setBytes(9, Http.JSON.writeValueAsBytes(metaData));
                insert.setString(10, metaData.path(MetadataKeys.ACTOR_ID).textValue());
                insert.setString(11, metaData.path(MetadataKeys.STATION_CODE).textValue());
                insert.setString(12, metaData.path(MetadataKeys.CORRELATION_ID).textValue());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
            return Map.entry(sequence, eventId);
        }
    }

    @Test
    void aPoisonEventParksItsDelegationWhileTheRestFlowsUntilAnAdministratorEvictsIt() throws Exception {
        s = Scenario.hierarchy(List.of("RS-001"));
        agent = s.qualifiedAgent("孙丽", "AGENT");
        String poisoned = commission();
        String other = commission();
        reportProgress(poisoned, "材料齐全，已受理");
        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(stepsOfType(detail(poisoned).expect(200).json(), "ProgressReportedEvent")).hasSize(1);
            assertThat(detail(other).status()).isEqualTo(200);
        });

        // 1. The poison event, written behind the application's back as an older release could have.
        Map.Entry<Long, String> poison = appendAsAnOlderReleaseWould(poisoned, "已电话告知\u0000申请人");
        long poisonSequence = poison.getKey();
        try (Connection connection = database();
             PreparedStatement stored = connection.prepareStatement("select position('\\u0000' in "
                     + "convert_from(payload, 'UTF8')) > 0 from " + TABLE + " where event_identifier = ?")) {
            stored.setString(1, poison.getValue());
            try (ResultSet row = stored.executeQuery()) {
                assertThat(row.next() && row.getBoolean(1)).as("the NUL is in the stored payload").isTrue();
            }
        }
        assertThat(intact(poisoned)).as("the poison row is chained as the command side chains").isTrue();

        // 2. Its delegation is parked, and says so; the administrator sees the event and why.
        await().atMost(FLOW).untilAsserted(() -> assertThat(parkedLetters(poisoned)).hasSize(1));
        JsonNode letter = parkedLetters(poisoned).get(0);
        assertThat(letter.get("group").asText()).isEqualTo("delegations");
        assertThat(letter.get("eventId").asText()).isEqualTo(poison.getValue());
        assertThat(letter.get("eventType").asText()).isEqualTo(PROGRESS);
        assertThat(letter.get("aggregateSequence").asLong()).isEqualTo(poisonSequence);
        assertThat(letter.get("position").asLong()).isPositive();
        assertThat(letter.get("causeType").asText()).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(letter.get("causeMessage").asText()).contains("0x00");
        assertThat(letter.get("attempts").asInt()).as("daiban.dead-letters.attempts, default 3").isEqualTo(3);
        JsonNode view = detail(poisoned).expect(200).json();
        assertThat(view.get("incomplete").asBoolean()).isTrue();
        assertThat(view.get("parkedGroups")).extracting(JsonNode::asText).containsExactly("delegations");
        assertThat(stepsOfType(view, "ProgressReportedEvent")).doesNotContain(poisonSequence);

        // 3. The rest flows: a delegation commissioned after the poison event, and a step on another one.
        String later = commission();
        reportProgress(other, "已报送县人社局");
        await().atMost(FLOW).untilAsserted(() -> {
            JsonNode laterView = detail(later).expect(200).json();
            assertThat(laterView.get("status").asText()).isEqualTo("HANDLING");
            assertThat(laterView.get("incomplete").asBoolean()).isFalse();
            assertThat(inLedger(later)).as("the later delegation in the ledger").isTrue();
            JsonNode otherView = detail(other).expect(200).json();
            assertThat(stepsOfType(otherView, "ProgressReportedEvent")).hasSize(1);
            assertThat(otherView.get("incomplete").asBoolean()).isFalse();
        });
        assertThat(parkedLetters(later)).isEmpty();
        assertThat(parkedLetters(other)).isEmpty();

        // 4. An eviction needs a reason; without one nothing is evicted.
        Http admin = Http.admin();
        Http.Answer refused = admin.post(query("/api/admin/dead-letters/delegations/" + poisoned + "/eviction"),
                Map.of("reason", " "));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().get("content-type")).contains("application/problem+json");
        assertThat(refused.json().get("field").asText()).isEqualTo("reason");
        assertThat(parkedLetters(poisoned)).hasSize(1);

        String reason = "进度说明含非法字符，已电话重新告知申请人";
        JsonNode eviction = admin.post(query("/api/admin/dead-letters/delegations/" + poisoned + "/eviction"),
                Map.of("reason", reason)).expect(200).json();
        assertThat(eviction.get("eventIds")).extracting(JsonNode::asText).containsExactly(poison.getValue());
        assertThat(parkedLetters(poisoned)).isEmpty();
        List<JsonNode> recorded = new ArrayList<>();
        admin.get(query("/api/admin/dead-letters/delegations/evictions")).expect(200).json().forEach(row -> {
            if (row.get("sequence").asText().equals(poisoned)) {
                recorded.add(row);
            }
        });
        assertThat(recorded).singleElement().satisfies(row -> {
            assertThat(row.get("eventId").asText()).isEqualTo(poison.getValue());
            assertThat(row.get("aggregateSequence").asLong()).isEqualTo(poisonSequence);
            assertThat(row.get("evictedBy").asText()).isEqualTo("admin-reader");
            assertThat(row.get("reason").asText()).isEqualTo(reason);
            assertThat(row.get("causeMessage").asText()).contains("0x00");
            assertThat(row.get("evictedAt").asText()).isNotBlank();
        });
        assertThat(detail(poisoned).expect(200).json().get("incomplete").asBoolean()).isFalse();

        // 5. The delegation's next step is handled as usual; the poison event stays in the store, outside the view.
        reportProgress(poisoned, "已电话告知申请人办理进度");
        await().atMost(FLOW).untilAsserted(() -> {
            JsonNode next = detail(poisoned).expect(200).json();
            assertThat(stepsOfType(next, "ProgressReportedEvent")).containsExactly(poisonSequence - 1,
                    poisonSequence + 1);
            assertThat(next.get("incomplete").asBoolean()).isFalse();
        });
        assertThat(parkedLetters(poisoned)).isEmpty();
        assertThat(intact(poisoned)).isTrue();

        // 6. A rebuild of the group skips the evicted event (it is still in the store) and makes the live rows.
        Map<String, List<String>> live = new HashMap<>();
        for (String table : List.of("delegation_view", "delegation_step")) {
            live.put(table, rows(table, poisoned, other, later));
        }
        assertThat(live.get("delegation_view")).hasSize(3);
        JsonNode started = admin.post(query("/api/admin/rebuilds/delegations"), Map.of()).expect(202).json();
        await("rebuild of delegations").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get(query("/api/admin/rebuilds/delegations")).expect(200).json(),
                        status -> status.get("startedAt").asText().equals(started.get("startedAt").asText())
                                && Set.of("SWITCHED", "FAILED").contains(status.get("state").asText()));
        JsonNode rebuilt = admin.get(query("/api/admin/rebuilds/delegations")).expect(200).json();
        assertThat(rebuilt.get("state").asText()).as(rebuilt.toString()).isEqualTo("SWITCHED");
        assertThat(rebuilt.get("evictedEventsSkipped").asLong()).isGreaterThanOrEqualTo(1);
        try (Connection connection = database();
             PreparedStatement stored = connection.prepareStatement("select count(*) from " + TABLE
                     + " where event_identifier = ?")) {
            stored.setString(1, poison.getValue());
            try (ResultSet row = stored.executeQuery()) {
                assertThat(row.next() && row.getLong(1) == 1).as("the poison event is still stored").isTrue();
            }
        }
        for (String table : live.keySet()) {
            assertThat(rows(table, poisoned, other, later)).as("query_side." + table + " rebuilt vs. live")
                    .containsExactlyElementsOf(live.get(table));
        }
        assertThat(stepsOfType(detail(poisoned).expect(200).json(), "ProgressReportedEvent"))
                .containsExactly(poisonSequence - 1, poisonSequence + 1);
        assertThat(parkedLetters(poisoned)).isEmpty();
        assertThat(intact(poisoned)).isTrue();
    }
}

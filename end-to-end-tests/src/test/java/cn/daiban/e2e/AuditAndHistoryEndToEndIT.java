package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit and the views of the past on whichever engine stores the events (the same class runs on the JDBC store
 * and on Axon Server): a stream's history read from the store, paged from the start; the whole store verified and
 * digested; the ledger as it stood between two commissionings; projections rebuilt from the first event equal to
 * the live ones. Nothing here reads the event store's own tables: only the HTTP API and the query side's tables.
 */
@ExtendWith(Backend.class)
class AuditAndHistoryEndToEndIT {

    /** The fields of a history entry, the same on either engine. */
    static final Set<String> ENTRY_FIELDS = Set.of("globalIndex", "aggregateId", "sequenceNumber", "aggregateType",
            "time", "eventType", "actorId", "stationCode", "correlationId", "summary", "payload", "eventHash");
    /** A position in a stored token: the JDBC engine's gap-aware token ("index") or Axon Server's ("globalIndex"). */
    static final Pattern TOKEN_POSITION = Pattern.compile("\"(?:index|globalIndex)\"\\s*:\\s*(\\d+)");
    static final Map<String, List<String>> REBUILT = Map.of(
            "delegations", List.of("delegation_view", "delegation_step", "evaluation_view"),
            "agents", List.of("agent", "agent_record", "agent_workload"));

    static Scenario s;
    static String agent;
    static String first;
    static String second;
    static Instant firstAt;
    static Instant secondAt;

    static Map<String, Object> assist(String clientName) {
        Map<String, Object> body = s.assist(agent, "RS-001", clientName, "13912345678");
        body.put("window", "W1");
        return body;
    }

    static String commission(String clientName) {
        return Http.as(agent, s.village).post(command("/api/delegations"), assist(clientName)).expect(201).json()
                .get("id").asText();
    }

    /** When the stream's first event (the commissioning) was stored, as the audit reads it from the store. */
    static Instant commissionedAt(String delegation) {
        JsonNode entries = await("history of " + delegation).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Http.admin().get(query("/api/audit/streams/" + delegation)).expect(200).json()
                        .get("entries"), found -> found.size() > 0);
        assertThat(entries.get(0).get("eventType").asText()).isEqualTo("DelegationCommissionedEvent");
        return Instant.parse(entries.get(0).get("time").asText());
    }

    @BeforeAll
    static void twoCommissionings() {
        s = Scenario.hierarchy(List.of("RS-001"));
        agent = s.qualifiedAgent("孙丽", "AGENT");
        first = commission("陈大娘");
        firstAt = commissionedAt(first);
        second = commission("钱大爷");
        secondAt = commissionedAt(second);
        assertThat(secondAt).as("the second commissioning is stored later").isAfter(firstAt.plusMillis(1));
        Http.as(agent, s.village).post(command("/api/delegations/" + first + "/suspension"),
                Map.of("reason", "CLIENT_REQUEST", "note", "外出务工")).expect(200);
    }

    @Test
    void aStreamsHistoryComesFromTheStoreInTheSameShapeAndPagesFromTheStart() {
        JsonNode entries = await("both events of " + first + " indexed").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Http.admin().get(query("/api/audit/streams/" + first)).expect(200).json().get("entries"),
                        found -> found.size() == 2);
        long previousIndex = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            List<String> fields = new ArrayList<>();
            entry.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrderElementsOf(ENTRY_FIELDS);
            assertThat(entry.get("aggregateId").asText()).isEqualTo(first);
            assertThat(entry.get("sequenceNumber").asLong()).isEqualTo(i);
            assertThat(entry.get("aggregateType").asText()).isEqualTo("Delegation");
            assertThat(entry.get("actorId").asText()).isEqualTo(agent);
            assertThat(entry.get("stationCode").asText()).isEqualTo(s.village);
            assertThat(entry.get("correlationId").asText()).isNotBlank();
            assertThat(entry.get("eventHash").asText()).matches("[0-9a-f]{64}");
            // Counted from 1 on either engine (Axon Server's first position, 0, is shown as 1).
            assertThat(entry.get("globalIndex").asLong()).isGreaterThan(previousIndex);
            previousIndex = entry.get("globalIndex").asLong();
            // The payload as stored: the client's name sealed, never in clear.
            assertThat(entry.get("payload").asText()).startsWith("{").doesNotContain("陈大娘");
        }
        assertThat(entries.get(1).get("eventType").asText()).isEqualTo("DelegationSuspendedEvent");

        // Page by page (one event each) from after=0: the same events, and the walk ends.
        assertThat(pageThrough("/api/audit/streams/" + first, 5)).containsExactly(
                entries.get(0).get("globalIndex").asLong(), entries.get(1).get("globalIndex").asLong());
        // The station's history, found through the index by station, holds both commissionings in store order.
        JsonNode atStation = Http.admin().get(query("/api/audit/stations/" + s.village + "?type=DelegationCommissionedEvent"))
                .expect(200).json().get("entries");
        assertThat(atStation.findValuesAsText("aggregateId")).containsExactly(first, second);
        // What the agent did, found through the index by actor; and by time: from just after the first
        // commissioning, the second only.
        JsonNode byActor = Http.admin().get(query("/api/audit/actors/" + agent + "?type=DelegationCommissionedEvent"))
                .expect(200).json().get("entries");
        assertThat(byActor.findValuesAsText("aggregateId")).containsExactly(first, second);
        JsonNode byActorLater = Http.admin().get(query("/api/audit/actors/" + agent
                + "?type=DelegationCommissionedEvent&from=" + firstAt.plusMillis(1))).expect(200).json().get("entries");
        assertThat(byActorLater.findValuesAsText("aggregateId")).containsExactly(second);

        JsonNode verification = Http.admin().get(query("/api/audit/verification?aggregateId=" + first)).expect(200).json();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("events").asLong()).isEqualTo(2);
    }

    @Test
    void theStreamHoldingTheStoresFirstEventPagesFromTheStart() throws Exception {
        // The stream of the store's very first event (position 0 on Axon Server, 1 on a fresh JDBC store), found in
        // the index both engines feed; its history pages from after=0 and ends.
        awaitIndexAtHead();
        List<Map<String, Object>> oldest = FaultDrillsEndToEndIT.rows(
                "select aggregate_identifier, position from query_side.audit_index order by position limit 1");
        String stream = String.valueOf(oldest.get(0).get("aggregate_identifier"));
        long position = ((Number) oldest.get(0).get("position")).longValue();
        JsonNode all = Http.admin().get(query("/api/audit/streams/" + stream + "?size=500")).expect(200).json();
        assertThat(all.get("entries").size()).isPositive();
        if (Backend.engine() == Backend.Engine.AXON_SERVER) {
            // Axon Server's first event is at position 0, shown as globalIndex 1.
            assertThat(position).isZero();
            assertThat(all.get("entries").get(0).get("globalIndex").asLong()).isEqualTo(1);
        } else {
            assertThat(all.get("entries").get(0).get("globalIndex").asLong()).isEqualTo(position).isPositive();
        }
        assertThat(pageThrough("/api/audit/streams/" + stream, all.get("entries").size() + 2))
                .containsExactlyElementsOf(all.get("entries").findValuesAsText("globalIndex").stream()
                        .map(Long::parseLong).toList());
    }

    @Test
    void theWholeStoreVerifiesAndADigestChecks() {
        JsonNode store = Http.admin().get(query("/api/audit/verification")).expect(200).json();
        assertThat(store.get("intact").asBoolean()).as(store.toString()).isTrue();
        assertThat(store.get("streams").asLong()).isPositive();
        assertThat(store.get("events").asLong()).isGreaterThanOrEqualTo(store.get("streams").asLong());

        // A digest covers events settled for a few seconds: wait until it covers this class's commissionings.
        JsonNode digest = await("a digest covering the second commissioning").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.admin().get(query("/api/audit/digest")).expect(200).json(),
                        taken -> taken.get("upToGlobalIndex").asLong() >= globalIndexOf(second));
        assertThat(digest.get("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(digest.get("events").asLong()).isPositive();
        JsonNode check = Http.admin().post(query("/api/audit/digest/check"), Map.of(
                "upToGlobalIndex", digest.get("upToGlobalIndex").asLong(), "digest", digest.get("digest").asText()))
                .expect(200).json();
        assertThat(check.get("matches").asBoolean()).as(check.toString()).isTrue();
        // One event fewer is another digest: the check can fail.
        JsonNode shorter = Http.admin().post(query("/api/audit/digest/check"), Map.of(
                "upToGlobalIndex", globalIndexOf(second) - 1, "digest", digest.get("digest").asText()))
                .expect(200).json();
        assertThat(shorter.get("matches").asBoolean()).isFalse();
    }

    @Test
    void theLedgerAsItStoodBetweenTwoCommissioningsShowsTheEarlierOnly() {
        Instant between = firstAt.plus(Duration.between(firstAt, secondAt).dividedBy(2));
        assertThat(between).isAfter(firstAt).isBefore(secondAt);
        JsonNode then = Http.admin().get(query("/api/as-of/ledger?station=" + s.village + "&at=" + between))
                .expect(200).json();
        assertThat(then.get("rows").findValuesAsText("delegationId")).contains(first).doesNotContain(second);
        assertThat(then.get("totalRows").asLong()).isEqualTo(1);

        // As of now: the replay reaches the store's head, both are there (and the live ledger agrees).
        JsonNode now = Http.admin().get(query("/api/as-of/ledger?station=" + s.village + "&at=" + Instant.now()))
                .expect(200).json();
        assertThat(now.get("rows").findValuesAsText("delegationId")).containsExactlyInAnyOrder(first, second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/ledger?station=" + s.village)).expect(200).json().get("rows")
                .findValuesAsText("delegationId")).containsExactlyInAnyOrder(first, second));
    }

    @Test
    void aRebuildFromTheFirstEventEqualsTheLiveRows() {
        // The live projections must have handled everything stored so far before their rows are taken.
        long head = awaitIndexAtHead();
        await("projections caught up with the store").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> REBUILT.keySet().stream().allMatch(group -> caughtUp(group, head)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/delegations/" + first)).expect(200).json().get("steps").findValuesAsText("eventType"))
                .contains("DelegationSuspendedEvent"));

        // Not an empty comparison: this class's delegations and agent are among the live rows.
        assertThat(FaultDrillsEndToEndIT.liveRows("delegation_view")).anyMatch(row -> row.contains(first))
                .anyMatch(row -> row.contains(second));
        assertThat(FaultDrillsEndToEndIT.liveRows("agent")).anyMatch(row -> row.contains(agent));

        Http admin = Http.admin();
        for (Map.Entry<String, List<String>> group : REBUILT.entrySet()) {
            Map<String, List<String>> live = new HashMap<>();
            for (String table : group.getValue()) {
                live.put(table, FaultDrillsEndToEndIT.liveRows(table));
            }
            admin.post(query("/api/admin/rebuilds/" + group.getKey()), Map.of()).expect(202);
            JsonNode done = await("rebuild of " + group.getKey()).atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.get(query("/api/admin/rebuilds/" + group.getKey())).expect(200).json(),
                            state -> Set.of("SWITCHED", "FAILED").contains(state.get("state").asText()));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SWITCHED");
            assertThat(done.get("position").asLong()).isGreaterThanOrEqualTo(done.get("headPositionAtStart").asLong());
            assertThat(done.get("eventsProcessed").asLong()).isPositive();
            for (String table : group.getValue()) {
                assertThat(FaultDrillsEndToEndIT.liveRows(table))
                        .as("query_side." + table + " live vs. rebuilt from the first event")
                        .containsExactlyElementsOf(live.get(table));
            }
        }
    }

    /** Every globalIndex of a history, read one event per page from {@code after=0}; fails if it does not end. */
    static List<Long> pageThrough(String path, int maxPages) {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < maxPages; page++) {
            JsonNode answer = Http.admin().get(query(path + "?size=1&after=" + after)).expect(200).json();
            answer.get("entries").forEach(entry -> seen.add(entry.get("globalIndex").asLong()));
            if (!answer.hasNonNull("next")) {
                return seen;
            }
            after = answer.get("next").asLong();
        }
        throw new AssertionError(path + " did not end within " + maxPages + " pages of one: " + seen);
    }

    static long globalIndexOf(String delegation) {
        return Http.admin().get(query("/api/audit/streams/" + delegation)).expect(200).json().get("entries").get(0)
                .get("globalIndex").asLong();
    }

    /**
     * The store's head as the index holds it, once a history has waited for the index to reach the store's head:
     * the highest store position (not shown globalIndex) of any event stored so far. A history waits for the index
     * ten seconds at most and then answers anyway; a query side that has just started (a fresh database catching up
     * a whole Axon Server store) can take longer, and a head read then is too low: groups "caught up" to it have not
     * handled the last events yet. So the head is read until two reads a second apart, each after a history, agree
     * (nothing is written meanwhile: this class's commands are done).
     */
    static long awaitIndexAtHead() {
        long head = -1;
        for (int attempt = 0; attempt < 60; attempt++) {
            Http.admin().get(query("/api/audit/streams/" + first)).expect(200);
            long now = ((Number) FaultDrillsEndToEndIT.rows(
                    "select coalesce(max(position), -1) as head from query_side.audit_index").get(0).get("head"))
                    .longValue();
            if (now == head) {
                return head;
            }
            head = now;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the audit index did not settle at a head within a minute (last " + head + ")");
    }

    /** Whether every segment's token of {@code group} stands at or past store position {@code head}, not replaying. */
    static boolean caughtUp(String group, long head) {
        List<Map<String, Object>> tokens = FaultDrillsEndToEndIT.rows("""
                select convert_from(token, 'UTF8') as token from query_side.token_entry where processor_name = ?""",
                group);
        if (tokens.isEmpty()) {
            return false;
        }
        for (Map<String, Object> token : tokens) {
            String json = String.valueOf(token.get("token"));
            Matcher position = TOKEN_POSITION.matcher(json);
            if (json.contains("tokenAtReset") || !position.find() || Long.parseLong(position.group(1)) < head) {
                return false;
            }
        }
        return true;
    }
}

package cn.daiban.query.deadletter;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.AgentTrainingRecordedEvent;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.AgentReassignedEvent;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.Rebuilds;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One event a projection cannot process parks its delegation (its sequence) and nothing else: the other
 * delegations reach the views, the parked one is listed with its cause and says it is incomplete, a retry after
 * the cause is gone drains it into the same rows a rebuild from the whole stream makes; an event with a NUL
 * character (which PostgreSQL cannot store in text) is parked while later events flow; a rebuild fails on it naming
 * the event, and after evicting it (the reason kept) every rebuild skips it and makes the live rows — the event
 * stays in the (append-only) event store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersIT extends PostgresIntegrationTest {

    private static final LocalDate ON = LocalDate.of(2026, 11, 2);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    final StationCode station = StationCode.of("1477" + (int) (Math.random() * 900000 + 100000));
    final List<DelegationId> delegations = new ArrayList<>();
    final Map<String, Long> sequences = new HashMap<>();
    DelegationId poisoned;

    void append(DelegationId id, Object payload) {
        long sequence = sequences.merge(id.value(), 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1").and(MetadataKeys.STATION_CODE, station.value()),
                UUID.randomUUID().toString(), java.time.Instant.now()));
    }

    DelegationCommissionedEvent commissioned(DelegationId id) {
        return TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7));
    }

    DelegationCompletedEvent completed(DelegationId id) {
        return new DelegationCompletedEvent(id, true, "参保号", null, ON.plusDays(2), ON.plusDays(7), true, 2);
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForEntity(path, String.class).getBody());
    }

    /** Starts a rebuild of {@code group} and waits until it is over: its final progress. */
    JsonNode rebuild(String group) throws Exception {
        return Rebuilds.rebuild(http, json, group, Duration.ofSeconds(60));
    }

    ResponseEntity<String> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    List<JsonNode> lettersOf(String group, DelegationId id) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        get("/api/admin/dead-letters/" + group).forEach(letter -> {
            if (letter.get("sequence").asText().equals(id.value())) {
                found.add(letter);
            }
        });
        return found;
    }

    /** The rows as values: an array column (client_categories) read as a list, which compares by content. */
    List<Map<String, Object>> rows(String table, List<DelegationId> ids) {
        return jdbc.queryForList("select * from query_side." + table + " where delegation_id in ("
                        + String.join(",", ids.stream().map(id -> "'" + id.value() + "'").toList()) + ")"
                        + " order by delegation_id" + (table.equals("delegation_step") ? ", sequence" : ""))
                .stream().map(row -> {
                    Map<String, Object> values = new java.util.LinkedHashMap<>();
                    row.forEach((column, value) -> values.put(column, value instanceof java.sql.Array array
                            ? arrayValues(array) : value));
                    return values;
                }).toList();
    }

    private static List<Object> arrayValues(java.sql.Array array) {
        try {
            return List.of((Object[]) array.getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void aFailingEventParksItsDelegationWhileTheOthersFlowAndARetryDrainsItLikeARebuild() throws Exception {
        // The first request of a fresh context initialises the dispatcher servlet (seconds on a loaded machine):
        // made here, so that the 5 s below measure how fast the events flow, not that.
        assertThat(get("/api/admin/dead-letters").has("counts")).isTrue();
        for (int i = 0; i < 5; i++) {
            delegations.add(DelegationId.create());
        }
        poisoned = delegations.get(2);
        // The cause, removable later: the delegation's summary row refuses any update of that one delegation.
        jdbc.execute("""
                create or replace function query_side.dead_letter_drill() returns trigger language plpgsql as $$
                begin
                    if new.delegation_id = '%s' then
                        raise exception 'drill: delegation %% refuses updates', new.delegation_id;
                    end if;
                    return new;
                end $$""".formatted(poisoned.value()));
        jdbc.execute("""
                create trigger dead_letter_drill before update on query_side.delegation_view
                for each row execute function query_side.dead_letter_drill()""");
        try {
            delegations.forEach(id -> append(id, commissioned(id)));
            // The poisoned delegation's completion fails; its reassignment after it must wait behind it.
            append(poisoned, completed(poisoned));
            append(poisoned, new AgentReassignedEvent(poisoned, AgentId.create(), AgentId.create(), "休假"));
            // Events of the others, after the failing one in the stream, still flow.
            for (DelegationId id : delegations) {
                if (!id.equals(poisoned)) {
                    append(id, completed(id));
                }
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (DelegationId id : delegations) {
                    if (!id.equals(poisoned)) {
                        JsonNode detail = get("/api/delegations/" + id);
                        assertThat(detail.path("status").asText()).as(id.value()).isEqualTo("COMPLETED");
                        assertThat(detail.get("incomplete").asBoolean()).isFalse();
                    }
                }
                assertThat(lettersOf("delegations", poisoned)).hasSize(2);
            });

            List<JsonNode> parked = lettersOf("delegations", poisoned);
            JsonNode failed = parked.get(0);
            assertThat(failed.get("eventType").asText()).isEqualTo(DelegationCompletedEvent.class.getName());
            assertThat(failed.get("aggregateSequence").asLong()).isEqualTo(1);
            assertThat(failed.get("position").asLong()).isPositive();
            assertThat(failed.get("causeType").asText()).isEqualTo("org.postgresql.util.PSQLException");
            assertThat(failed.get("causeMessage").asText()).contains("drill: delegation " + poisoned + " refuses updates");
            assertThat(failed.get("attempts").asInt()).isEqualTo(3);
            assertThat(failed.get("firstAttempt").asText()).isNotBlank();
            assertThat(failed.get("lastAttempt").asText()).isNotBlank();
            JsonNode behind = parked.get(1);
            assertThat(behind.get("eventType").asText()).isEqualTo(AgentReassignedEvent.class.getName());
            assertThat(behind.get("aggregateSequence").asLong()).isEqualTo(2);
            assertThat(behind.has("causeType")).as("no cause of its own: it waits").isFalse();

            JsonNode all = get("/api/admin/dead-letters");
            assertThat(all.get("counts").get("delegations").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(all.get("counts").has("stations")).isTrue();

            // The parked delegation's view is there (its commissioning went through) but says it is incomplete.
            JsonNode view = get("/api/delegations/" + poisoned);
            assertThat(view.get("status").asText()).isEqualTo("HANDLING");
            assertThat(view.get("incomplete").asBoolean()).isTrue();
            assertThat(view.get("parkedGroups")).extracting(JsonNode::asText).containsExactly("delegations");

            JsonNode health = get("/actuator/health");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/deadLetters/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/deadLetters/details/groups/delegations").asLong())
                    .isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    get("/actuator/metrics/daiban.dead.letters?tag=group:delegations").at("/measurements/0/value")
                            .asDouble()).isGreaterThanOrEqualTo(2.0));

            // While the cause is there, a retry fails again, counts the attempts and keeps it parked.
            JsonNode retried = json.readTree(post("/api/admin/dead-letters/delegations/" + poisoned + "/retry", "")
                    .getBody());
            assertThat(retried.get("drained").asBoolean()).isFalse();
            assertThat(retried.get("remaining").asLong()).isEqualTo(2);
            assertThat(lettersOf("delegations", poisoned).get(0).get("attempts").asInt()).isEqualTo(6);
        } finally {
            jdbc.execute("drop trigger if exists dead_letter_drill on query_side.delegation_view");
            jdbc.execute("drop function if exists query_side.dead_letter_drill()");
        }

        // The cause removed, a retry drains the sequence in order.
        JsonNode retried = json.readTree(post("/api/admin/dead-letters/delegations/" + poisoned + "/retry", "")
                .getBody());
        assertThat(retried.get("drained").asBoolean()).isTrue();
        assertThat(lettersOf("delegations", poisoned)).isEmpty();
        JsonNode view = get("/api/delegations/" + poisoned);
        assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("incomplete").asBoolean()).isFalse();
        assertThat(view.get("steps")).hasSize(3);

        // The views now equal what a rebuild from the whole stream makes of the same events.
        List<Map<String, Object>> liveViews = rows("delegation_view", delegations);
        List<Map<String, Object>> liveSteps = rows("delegation_step", delegations);
        assertThat(liveViews).hasSize(5);
        assertThat(liveSteps).hasSize(11);
        JsonNode started = json.readTree(post("/api/admin/rebuilds/delegations", "").getBody());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = get("/api/admin/rebuilds/delegations");
            assertThat(status.get("startedAt").asText()).isEqualTo(started.get("startedAt").asText());
            assertThat(status.get("state").asText()).isEqualTo("SWITCHED");
        });
        assertThat(rows("delegation_view", delegations)).isEqualTo(liveViews);
        assertThat(rows("delegation_step", delegations)).isEqualTo(liveSteps);
    }

    @Test
    @Order(2)
    void anEventWithANulCharacterIsParkedWhileLaterEventsFlowAndItsEvictionIsRecorded() throws Exception {
        DelegationId nul = DelegationId.create();
        DelegationId later = DelegationId.create();
        // The NUL in the window's name (not personal data, so the payload holds it as written, unsealed).
        DelegationCommissionedEvent poisonous = new DelegationCommissionedEvent(nul, DelegationKind.ASSIST,
                ServiceMode.ON_SITE, station, "窗口\u00001", AgentId.create(), ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(),
                new Client(ClientKind.CITIZEN, "王秀英", null, null, TestEvents.CLIENT_PHONE, null), null, null,
                List.of(), List.of(), null, true, List.of(), "0356-7022345", false, false, ON, 5, ON.plusDays(7),
                null, null, null, null, null, null, null, null, null, null);
        append(nul, poisonous);
        append(later, commissioned(later));
        append(nul, completed(nul));
        // As an older release stored it: Jackson's escape of the NUL in the bytea payload, accepted by the table.
        assertThat(jdbc.queryForObject("""
                select position('\\u0000' in convert_from(payload, 'UTF8')) > 0 from command_side.domain_event_entry
                where aggregate_identifier = ? and sequence_number = 0""", Boolean.class, nul.value())).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(get("/api/delegations/" + later).path("status").asText()).isEqualTo("HANDLING");
            assertThat(lettersOf("delegations", nul)).hasSize(2);
        });
        JsonNode failed = lettersOf("delegations", nul).get(0);
        assertThat(failed.get("eventType").asText()).isEqualTo(DelegationCommissionedEvent.class.getName());
        assertThat(failed.get("causeMessage").asText()).contains("0x00");

        // Not in the views at all: the 404 says it is parked, not unknown.
        ResponseEntity<String> missing = http.getForEntity("/api/delegations/" + nul, String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        JsonNode problem = json.readTree(missing.getBody());
        assertThat(problem.get("incomplete").asBoolean()).isTrue();
        assertThat(problem.get("parkedGroups")).extracting(JsonNode::asText).contains("delegations");

        // Not evicted, it fails a rebuild of the group, which names the event and the cause; nothing changes.
        JsonNode failedRebuild = rebuild("delegations");
        assertThat(failedRebuild.get("state").asText()).isEqualTo("FAILED");
        assertThat(failedRebuild.at("/failedEvent/eventId").asText()).isEqualTo(failed.get("eventId").asText());
        assertThat(failedRebuild.at("/failedEvent/group").asText()).isEqualTo("delegations");
        assertThat(failedRebuild.at("/failedEvent/sequence").asText()).isEqualTo(nul.value());
        assertThat(failedRebuild.at("/failedEvent/aggregateSequence").asLong()).isZero();
        assertThat(failedRebuild.at("/failedEvent/eventType").asText())
                .isEqualTo(DelegationCommissionedEvent.class.getName());
        assertThat(failedRebuild.at("/failedEvent/causeMessage").asText()).contains("0x00");
        assertThat(failedRebuild.get("error").asText()).contains(failed.get("eventId").asText(), "0x00");
        assertThat(lettersOf("delegations", nul)).hasSize(2);
        assertThat(http.getForEntity("/api/delegations/" + later, String.class).getStatusCode().value())
                .isEqualTo(200);
        // So does a point-in-time view (the same replay, rolled back): a 409 naming the event.
        ResponseEntity<String> asOfFailed = http.getForEntity(asOfLedger(), String.class);
        assertThat(asOfFailed.getStatusCode().value()).as(asOfFailed.getBody()).isEqualTo(409);
        JsonNode replayFailed = json.readTree(asOfFailed.getBody());
        assertThat(replayFailed.get("rule").asText()).isEqualTo("replay-failed");
        assertThat(replayFailed.at("/failedEvent/eventId").asText()).isEqualTo(failed.get("eventId").asText());
        assertThat(replayFailed.get("detail").asText()).contains("eviction");

        // An eviction needs a reason, and without one nothing is evicted.
        ResponseEntity<String> refused = post("/api/admin/dead-letters/delegations/" + nul + "/eviction",
                "{\"reason\":\" \"}");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(json.readTree(refused.getBody()).get("field").asText()).isEqualTo("reason");
        assertThat(lettersOf("delegations", nul)).hasSize(2);

        for (JsonNode group : problem.get("parkedGroups")) {
            ResponseEntity<String> evicted = post("/api/admin/dead-letters/" + group.asText() + "/" + nul
                    + "/eviction", "{\"reason\":\"客户姓名含非法字符，已由窗口重新受理\"}");
            assertThat(evicted.getStatusCode().value()).as(group.asText()).isEqualTo(200);
        }
        assertThat(lettersOf("delegations", nul)).isEmpty();
        assertThat(get("/api/admin/dead-letters").get("deadLetters").findValuesAsText("sequence"))
                .doesNotContain(nul.value());
        List<JsonNode> evictions = new ArrayList<>();
        get("/api/admin/dead-letters/delegations/evictions").forEach(eviction -> {
            if (eviction.get("sequence").asText().equals(nul.value())) {
                evictions.add(eviction);
            }
        });
        assertThat(evictions).hasSize(2);
        assertThat(evictions).allSatisfy(eviction -> {
            assertThat(eviction.get("evictedBy").asText()).isEqualTo("admin");
            assertThat(eviction.get("reason").asText()).isEqualTo("客户姓名含非法字符，已由窗口重新受理");
            assertThat(eviction.get("evictedAt").asText()).isNotBlank();
        });
        assertThat(evictions).extracting(e -> e.get("eventType").asText())
                .containsExactlyInAnyOrder(DelegationCommissionedEvent.class.getName(),
                        DelegationCompletedEvent.class.getName());
        assertThat(evictions).filteredOn(e -> e.get("aggregateSequence").asLong() == 0)
                .singleElement().satisfies(e -> assertThat(e.get("causeMessage").asText()).contains("0x00"));

        // After the eviction the sequence is no longer parked: its next event is handled.
        append(nul, new AgentReassignedEvent(nul, AgentId.create(), AgentId.create(), "休假"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from query_side.delegation_step where delegation_id = ?", Long.class, nul.value()))
                .isEqualTo(1));
        assertThat(lettersOf("delegations", nul)).isEmpty();

        // The events stay in the store, and a rebuild of the group skips them: it completes with the live rows.
        assertThat(jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Long.class, nul.value())).isEqualTo(3);
        List<DelegationId> compared = new ArrayList<>(delegations);
        compared.add(nul);
        compared.add(later);
        List<Map<String, Object>> liveViews = rows("delegation_view", compared);
        List<Map<String, Object>> liveSteps = rows("delegation_step", compared);
        assertThat(liveViews).hasSize(delegations.size() + 1);
        for (int round = 1; round <= 2; round++) {
            // The second round proves the skip outlives the first rebuild (it clears dead letters, not evictions).
            JsonNode rebuilt = rebuild("delegations");
            assertThat(rebuilt.get("state").asText()).as("round " + round + ": " + rebuilt).isEqualTo("SWITCHED");
            assertThat(rebuilt.get("evictedEventsSkipped").asLong()).as("round " + round).isGreaterThanOrEqualTo(2);
            assertThat(rebuilt.has("failedEvent")).isFalse();
            assertThat(rows("delegation_view", compared)).as("round " + round).isEqualTo(liveViews);
            assertThat(rows("delegation_step", compared)).as("round " + round).isEqualTo(liveSteps);
            assertThat(get("/api/admin/dead-letters/delegations/evictions").findValuesAsText("eventId"))
                    .contains(failed.get("eventId").asText());
        }
        // A point-in-time view skips them too.
        ResponseEntity<String> asOf = http.getForEntity(asOfLedger(), String.class);
        assertThat(asOf.getStatusCode().value()).as(asOf.getBody()).isEqualTo(200);
        assertThat(json.readTree(asOf.getBody()).get("rows").findValuesAsText("delegationId"))
                .contains(later.value()).doesNotContain(nul.value());
    }

    String asOfLedger() {
        return "/api/as-of/ledger?station=" + station + "&at="
                + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(1);
    }

    @Test
    @Order(4)
    void aRetryOfTheWholeGroupDrainsEveryParkedSequenceOnceTheCauseIsGone() throws Exception {
        DelegationId first = DelegationId.create();
        DelegationId second = DelegationId.create();
        DelegationId flowing = DelegationId.create();
        jdbc.execute("""
                create or replace function query_side.dead_letter_drill_all() returns trigger language plpgsql as $$
                begin
                    if new.delegation_id in ('%s', '%s') then
                        raise exception 'drill: delegation %% refuses updates', new.delegation_id;
                    end if;
                    return new;
                end $$""".formatted(first.value(), second.value()));
        jdbc.execute("""
                create trigger dead_letter_drill_all before update on query_side.delegation_view
                for each row execute function query_side.dead_letter_drill_all()""");
        try {
            for (DelegationId id : List.of(first, second, flowing)) {
                append(id, commissioned(id));
                append(id, completed(id));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(lettersOf("delegations", first)).hasSize(1);
                assertThat(lettersOf("delegations", second)).hasSize(1);
                assertThat(get("/api/delegations/" + flowing).path("status").asText()).isEqualTo("COMPLETED");
            });
        } finally {
            jdbc.execute("drop trigger if exists dead_letter_drill_all on query_side.delegation_view");
            jdbc.execute("drop function if exists query_side.dead_letter_drill_all()");
        }

        JsonNode retried = json.readTree(post("/api/admin/dead-letters/delegations/retry", "").getBody());
        for (DelegationId id : List.of(first, second)) {
            assertThat(retried.findParents("sequence")).as(retried.toString())
                    .filteredOn(result -> result.get("sequence").asText().equals(id.value())).singleElement()
                    .satisfies(result -> {
                        assertThat(result.get("group").asText()).isEqualTo("delegations");
                        assertThat(result.get("drained").asBoolean()).isTrue();
                        assertThat(result.get("remaining").asLong()).isZero();
                    });
            assertThat(lettersOf("delegations", id)).isEmpty();
            JsonNode view = get("/api/delegations/" + id);
            assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(view.get("incomplete").asBoolean()).isFalse();
        }
    }

    /**
     * The same in a projection written through JPA entities (the agents' trainings): the NUL fails the entity's
     * insert, which is flushed inside the event's savepoint, so the event is parked rather than failing its batch
     * again and again, and the other agents' trainings flow.
     */
    @Test
    @Order(5)
    void aTrainingWithANulCharacterIsParkedInTheAgentsGroupWhileOtherTrainingsFlow() throws Exception {
        AgentId poisoned = AgentId.create(), other = AgentId.create();
        for (AgentId agent : List.of(poisoned, other)) {
            appendAgent(agent, 0, new AgentRegisteredEvent(agent, station, "代办员", TestEvents.CLIENT_PHONE,
                    AgentBackground.PARTY_MEMBER, AgentRole.AGENT, ON.minusYears(1), null, null, null));
        }
        appendAgent(poisoned, 1, new AgentTrainingRecordedEvent(poisoned, ON, "一次性\u0000告知", 2));
        appendAgent(other, 1, new AgentTrainingRecordedEvent(other, ON, "一次性告知", 2));
        appendAgent(other, 2, new AgentTrainingRecordedEvent(other, ON.plusDays(1), "容缺受理", 2));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from query_side.agent_record where agent_id = ?",
                    Integer.class, other.value())).isEqualTo(2);
            JsonNode parked = get("/api/admin/dead-letters/agents");
            assertThat(parked.findValuesAsText("sequence")).contains(poisoned.value());
        });
        assertThat(jdbc.queryForObject("select count(*) from query_side.agent_record where agent_id = ?",
                Integer.class, poisoned.value())).isZero();
    }

    void appendAgent(AgentId agent, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Agent", agent.value(), sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "admin").and(MetadataKeys.STATION_CODE, station.value()),
                java.util.UUID.randomUUID().toString(), java.time.Instant.now()));
    }

    @Test
    @Order(3)
    void unknownGroupsAndSequencesAreProblems() {
        ResponseEntity<String> group = http.getForEntity("/api/admin/dead-letters/no-such-group", String.class);
        assertThat(group.getStatusCode().value()).isEqualTo(404);
        assertThat(group.getBody()).contains("\"field\":\"group\"");
        ResponseEntity<String> sequence = post("/api/admin/dead-letters/delegations/no-such-sequence/retry", "");
        assertThat(sequence.getStatusCode().value()).isEqualTo(404);
        assertThat(sequence.getBody()).contains("\"field\":\"sequence\"");
    }
}

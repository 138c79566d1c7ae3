package cn.daiban.query.replay;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.WorkLogEntryKind;
import cn.daiban.kernel.delegation.WorkLogEntryRecordedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/admin/rebuilds/all} on a quiet store (no event appended while it runs) completes: every group
 * reaches its final state — the shadow rebuilds {@code SWITCHED}, the resets in place ({@code notifications},
 * {@code audit-index}) {@code CAUGHT_UP} — with its progress reported to the end, and the views equal what they
 * were before. It used to hang: a reset in place was followed on the single rebuild worker until
 * {@code isReplaying()} turned false, which needs an event newer than the reset, so the shadow rebuilds queued
 * behind it never started.
 */
class RebuildAllOnAQuietStoreIT extends PostgresIntegrationTest {

    private static final LocalDate ON = LocalDate.of(2026, 11, 2);
    /** What each group's rebuild must leave as it was (audit_index: a reset in place deletes and refills it). */
    private static final List<String> TABLES = List.of("delegation_view", "delegation_step", "evaluation_view",
            "station_directory", "station_application", "service_item", "service_item_revision", "agent",
            "agent_record", "agent_workload", "calendar_year", "statistics_submission", "consultation_view",
            "complaint_view", "appointment_view", "audit_index", "work_log_entry");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProjectionRebuilds rebuilds;

    final StationCode station = StationCode.of("1479" + (int) (Math.random() * 900000 + 100000));

    void append(String type, String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1").and(MetadataKeys.STATION_CODE, station.value()),
                java.util.UUID.randomUUID().toString(), Instant.now()));
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    /**
     * Every row of the tables that names this test's station or one of its delegations, as text, in a fixed
     * order. Only those: other classes sharing the database may leave rows a rebuild rightly changes (a parked
     * event, replayed by the rebuild, that the live processor never got past).
     */
    Map<String, List<String>> views(List<String> ours) {
        String pattern = String.join("|", ours);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForList("select t::text from query_side." + table + " t where t::text ~ ?"
                    + " order by 1", String.class, pattern));
        }
        // The outbox is sent meanwhile (its status moves on by itself); what the reset in place of notifications
        // must keep is the set of notifications: none lost, none made twice.
        rows.put("notification_outbox ids", jdbc.queryForList("select id from query_side.notification_outbox t"
                + " where t::text ~ ? order by 1", String.class, pattern));
        return rows;
    }

    @Test
    void rebuildingAllOnAQuietStoreCompletesEveryGroupAndLeavesTheViewsAsTheyWere() throws Exception {
        append("Station", station.value(), 0, new StationOpeningRequestedEvent(station, "测试县政务服务中心",
                StationLevel.COUNTY_CENTRE, null, null, RegionCode.of("140521"), "龙港镇",
                new StationManager("王芳", PhoneNumber.of("13912345678")), PhoneNumber.of("0356-7022345"),
                List.of(new StationWindow("Z1", "帮办代办专区", StationWindow.Kind.ZONE, null)), Set.of("SB-001")));
        append("Station", station.value(), 1, new StationOpeningApprovedEvent(station, null, "同意设立"));
        List<DelegationId> delegations = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            DelegationId id = DelegationId.create();
            delegations.add(id);
            append("Delegation", id.value(), 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON,
                    ON.plusDays(7)));
            if (n % 2 == 0) {
                append("Delegation", id.value(), 1, new DelegationCompletedEvent(id, true, "参保号", null,
                        ON.plusDays(2), ON.plusDays(7), true, 2));
            }
            if (n == 1 || n == 3) {
                // The work log: a problem, then the entry that resolves it (the first row is updated by the second).
                append("Delegation", id.value(), 1, new WorkLogEntryRecordedEvent(id, 1, "agent-1",
                        Instant.now().minusSeconds(60), WorkLogEntryKind.PROBLEM, "系统无法提交", "接口故障", null,
                        null, null, null));
                append("Delegation", id.value(), 2, new WorkLogEntryRecordedEvent(id, 2, "agent-1", Instant.now(),
                        WorkLogEntryKind.COORDINATION, "联系人社局信息科", null, "故障已修复，已提交", "县人社局",
                        "信息科", 1));
            }
        }
        long head = jdbc.queryForObject("select max(global_index) from command_side.domain_event_entry", Long.class);
        // Quiet from here on: every live processor has handled every event.
        List<String> groups = rebuilds.groups();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String group : groups) {
                var statuses = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()
                        .processingStatus().values();
                assertThat(statuses).as(group).isNotEmpty();
                assertThat(statuses).as(group).allSatisfy(s ->
                        assertThat(s.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
            }
            assertThat(jdbc.queryForObject("select count(*) from query_side.delegation_view where station_code = ?",
                    Long.class, station.value())).isEqualTo(12);
        });
        List<String> ours = new ArrayList<>(delegations.stream().map(DelegationId::value).toList());
        ours.add(station.value());
        Map<String, List<String>> before = views(ours);
        assertThat(before.get("delegation_view")).hasSize(12);
        assertThat(before.get("delegation_step")).hasSize(22);
        assertThat(before.get("work_log_entry")).hasSize(4);
        assertThat(before.get("station_directory")).hasSize(1);
        assertThat(before.get("station_application")).isNotEmpty();
        assertThat(before.get("audit_index")).hasSize(24);
        assertThat(before.get("notification_outbox ids")).isNotEmpty();

        ResponseEntity<String> started = http.postForEntity("/api/admin/rebuilds/all", null, String.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, String> startedAt = new LinkedHashMap<>();
        json.readTree(started.getBody()).forEach(report ->
                startedAt.put(report.get("processingGroup").asText(), report.get("startedAt").asText()));
        assertThat(startedAt.keySet()).containsExactlyInAnyOrderElementsOf(groups)
                .contains("notifications", "audit-index", "delegations", "stations", "statistics-submissions");

        // Nothing is appended meanwhile: each group must finish on its own, the last in the queue included.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (String group : groups) {
                JsonNode status = get("/api/admin/rebuilds/" + group);
                assertThat(status.get("startedAt").asText()).as(group).isEqualTo(startedAt.get(group));
                assertThat(status.get("state").asText()).as("%s: %s", group, status)
                        .isEqualTo("RESET_IN_PLACE".equals(status.get("method").asText()) ? "CAUGHT_UP" : "SWITCHED");
            }
        });
        for (String group : groups) {
            JsonNode status = get("/api/admin/rebuilds/" + group);
            // Progress to the end: the last position is the head as of the start, with its time and rate.
            assertThat(status.get("position").asLong()).as("%s: %s", group, status).isEqualTo(head);
            assertThat(status.get("headPositionAtStart").asLong()).as(group).isEqualTo(head);
            assertThat(status.get("eventsProcessed").asLong()).as(group).isPositive();
            assertThat(Instant.parse(status.get("finishedAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(status.get("startedAt").asText()));
            assertThat(status.get("eventsPerSecond").asDouble()).as(group).isPositive();
            assertThat(status.get("estimatedSecondsLeft").asLong()).as(group).isZero();
        }
        assertThat(views(ours)).isEqualTo(before);
    }
}

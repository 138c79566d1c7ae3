package cn.daiban.query.replay;

import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.Rebuilds;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shadow rebuild's switch-over makes the live tables equal to the rebuilt ones by writing only the rows that differ:
 * a row the rebuild found as it was is not written again (its row version, {@code xmin}, stays), a row that went
 * wrong is put right, a missing row comes back, a row no event made goes, and the progress says how many rows the
 * switch wrote per table. It used to replace every row, which rewrote every index entry and sent the whole table to
 * the write-ahead log whatever changed.
 */
class RebuildSwitchOverIT extends PostgresIntegrationTest {

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

    void append(DelegationId id, long sequence, Object payload) {
        TestEvents.appendToDelegation(eventStore, station, id, sequence, payload);
    }

    JsonNode rebuild() throws Exception {
        return Rebuilds.rebuild(http, json, "delegations", Duration.ofSeconds(60));
    }

    /** This station's matters: id → the row as text. */
    Map<String, String> matters() {
        return jdbc.queryForList("select delegation_id, t::text as row from query_side.delegation_view t"
                + " where station_code = ?", station.value()).stream()
                .collect(Collectors.toMap(r -> (String) r.get("delegation_id"), r -> (String) r.get("row")));
    }

    /** This station's matters: id → the row's version (the transaction that last wrote it). */
    Map<String, String> versions() {
        return jdbc.queryForList("select delegation_id, xmin::text as version from query_side.delegation_view"
                + " where station_code = ?", station.value()).stream()
                .collect(Collectors.toMap(r -> (String) r.get("delegation_id"), r -> (String) r.get("version")));
    }

    List<String> steps() {
        return jdbc.queryForList("select t::text from query_side.delegation_step t where station_code = ? order by 1",
                String.class, station.value());
    }

    @Test
    void theSwitchWritesOnlyTheRowsThatDifferAndPutsThoseRight() throws Exception {
        List<DelegationId> delegations = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            DelegationId id = DelegationId.create();
            delegations.add(id);
            append(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7)));
            append(id, 1, new DelegationCompletedEvent(id, true, "参保号", null, ON.plusDays(2), ON.plusDays(7),
                    true, 2));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(matters()).hasSize(8).allSatisfy((id, row) -> assertThat(row).contains("COMPLETED"));
            assertThat(steps()).hasSize(16);
        });
        Map<String, String> rightRows = matters();
        List<String> rightSteps = steps();
        // First a rebuild that puts right whatever other classes sharing the database left (rows no event made), so
        // that the one measured below has only this test's spoils to write.
        assertThat(rebuild().get("state").asText()).isEqualTo("SWITCHED");

        // Three ways a view goes wrong: a row changed, a row lost, a row no event made.
        String changed = delegations.get(0).value();
        String lostStepOf = delegations.get(1).value();
        jdbc.update("update query_side.delegation_view set client_name = '不对' where delegation_id = ?", changed);
        jdbc.update("delete from query_side.delegation_step where delegation_id = ? and sequence = 1", lostStepOf);
        String stray = DelegationId.create().value();
        jdbc.update("insert into query_side.delegation_view"
                + " select (jsonb_populate_record(null::query_side.delegation_view,"
                + " to_jsonb(t) || jsonb_build_object('delegation_id', cast(? as text)))).*"
                + " from query_side.delegation_view t where delegation_id = ?", stray, lostStepOf);
        Map<String, String> before = versions();
        assertThat(matters()).hasSize(9).containsKey(stray);
        assertThat(matters().get(changed)).contains("不对");
        assertThat(steps()).hasSize(15);

        JsonNode outcome = rebuild();

        assertThat(outcome.get("state").asText()).as("%s", outcome).isEqualTo("SWITCHED");
        assertThat(matters()).isEqualTo(rightRows);
        assertThat(steps()).isEqualTo(rightSteps);
        Map<String, String> after = versions();
        assertThat(after.get(changed)).as("the changed row is written again").isNotEqualTo(before.get(changed));
        for (DelegationId id : delegations.subList(1, delegations.size())) {
            assertThat(after.get(id.value())).as("a row the rebuild found as it was is not written: %s", id)
                    .isEqualTo(before.get(id.value()));
        }
        JsonNode written = outcome.get("rowsWritten");
        assertThat(written.get("delegation_view")).as("a changed and a stray row out, the changed row back")
                .isEqualTo(json.readTree("{\"deleted\": 2, \"inserted\": 1}"));
        assertThat(written.get("delegation_step")).as("a lost step back")
                .isEqualTo(json.readTree("{\"deleted\": 0, \"inserted\": 1}"));
        assertThat(written.get("evaluation_view")).isEqualTo(json.readTree("{\"deleted\": 0, \"inserted\": 0}"));
        // Vacuumed, as every table the switch wrote; not analysed for three rows (PostgreSQL's threshold, which
        // autovacuum uses, is at least autovacuum_analyze_threshold: 50 rows by default).
        assertThat(vacuumedAndAnalysedSince(startedAt(outcome), "delegation_view")).containsExactly(true, false);
        assertThat(vacuumedAndAnalysedSince(startedAt(outcome), "evaluation_view").get(0)).as("not written")
                .isFalse();
    }

    @Test
    void aSwitchThatWritesMostOfATableAlsoAnalysesIt() throws Exception {
        // More matters than PostgreSQL's least threshold for analysing a table (50 rows changed by default).
        for (int n = 0; n < 60; n++) {
            DelegationId id = DelegationId.create();
            append(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(matters()).hasSize(60));
        Map<String, String> right = matters();
        assertThat(rebuild().get("state").asText()).isEqualTo("SWITCHED"); // as in the test above
        long rows = jdbc.queryForObject("select count(*) from query_side.delegation_view", Long.class);
        // Every matter of the view gone wrong (those of other test classes too: the rebuild puts them back as well).
        jdbc.update("update query_side.delegation_view set client_name = coalesce(client_name, '') || '?'");

        JsonNode outcome = rebuild();

        assertThat(outcome.get("state").asText()).as("%s", outcome).isEqualTo("SWITCHED");
        assertThat(matters()).isEqualTo(right);
        assertThat(outcome.at("/rowsWritten/delegation_view/deleted").asLong()).isEqualTo(rows);
        assertThat(outcome.at("/rowsWritten/delegation_view/inserted").asLong()).isEqualTo(rows);
        assertThat(vacuumedAndAnalysedSince(startedAt(outcome), "delegation_view")).containsExactly(true, true);
    }

    static java.sql.Timestamp startedAt(JsonNode outcome) {
        return java.sql.Timestamp.from(Instant.parse(outcome.get("startedAt").asText()));
    }

    List<Boolean> vacuumedAndAnalysedSince(java.sql.Timestamp since, String table) {
        return jdbc.queryForObject("select coalesce(last_vacuum >= ?, false), coalesce(last_analyze >= ?, false)"
                        + " from pg_stat_user_tables where schemaname = 'query_side' and relname = ?",
                (rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2)), since, since, table);
    }
}

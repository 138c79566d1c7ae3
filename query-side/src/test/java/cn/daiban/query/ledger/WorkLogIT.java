package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.delegation.DelegationArchivedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.WorkLogEntryKind;
import cn.daiban.kernel.delegation.WorkLogEntryRecordedEvent;
import cn.daiban.kernel.ledger.FetchWorkLogQuery;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The work log (工作日志, `002 代办·承办`, `004 §6.3.3.2.3`) on a real PostgreSQL: each matter's entries in its detail,
 * oldest first; a station's log newest first, filtered by dates, kind and open problems, and exported; a problem
 * resolved by a later entry is no longer open and shows who resolved it and when; another station's entries stay out.
 */
class WorkLogIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1541, plus a random run number so reruns on one database never meet. */
    static final String C = "1541" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    static final String OTHER = "1542" + C.substring(4);
    static final String VILLAGE = C + "101";
    static final AgentId AGENT = AgentId.of("dddddddd-1541-4c3b-9a57-0d5f1e2a3b4c");
    static final StationEvents events = new StationEvents(C, AGENT);
    static final StationEvents otherEvents = new StationEvents(OTHER, AGENT);
    static final StationEvents villageEvents = new StationEvents(VILLAGE, AGENT);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    void entry(StationEvents station, WorkLogEntryRecordedEvent event) {
        station.append(eventStore, "Delegation", event.delegationId().value(), event, event.occurredAt());
    }

    static List<String> entries(JsonNode rows) {
        List<String> found = new ArrayList<>();
        rows.forEach(row -> found.add(row.get("delegationId").asText() + "#" + row.get("number").asInt()));
        return found;
    }

    @Test
    void aStationsWorkLogListsEveryEntryNewestFirstAndItsProblemsStillOpen() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant lastWeek = now.minus(7, ChronoUnit.DAYS);
        events.opened(eventStore, StationLevel.COUNTY_CENTRE, null, now.minus(30, ChronoUnit.DAYS));
        otherEvents.opened(eventStore, StationLevel.COUNTY_CENTRE, null, now.minus(30, ChronoUnit.DAYS));
        villageEvents.opened(eventStore, StationLevel.VILLAGE_STATION, C, now.minus(30, ChronoUnit.DAYS));
        DelegationId proxy = events.commissioned(eventStore, DelegationKind.PROXY, lastWeek.minus(1, ChronoUnit.DAYS));
        DelegationId assist = events.commissioned(eventStore, DelegationKind.ASSIST, lastWeek);
        DelegationId elsewhere = otherEvents.commissioned(eventStore, DelegationKind.PROXY, lastWeek);
        entry(events, new WorkLogEntryRecordedEvent(proxy, 1, "agent-1", lastWeek, WorkLogEntryKind.PROBLEM,
                "社保系统显示参保记录重复", "两地同时参保，需先在原参保地办理停保", null, null, null, null));
        entry(events, new WorkLogEntryRecordedEvent(proxy, 2, "agent-1", lastWeek.plus(1, ChronoUnit.HOURS),
                WorkLogEntryKind.COORDINATION, "电话联系县社保中心核实停保进度", null, null, "县人社局社保中心", "窗口张科长",
                null));
        entry(events, new WorkLogEntryRecordedEvent(assist, 1, "agent-2", now.minus(2, ChronoUnit.DAYS),
                WorkLogEntryKind.PROBLEM, "申请表填写有误被退回", null, null, null, null, null));
        entry(events, new WorkLogEntryRecordedEvent(proxy, 3, "agent-1", now, WorkLogEntryKind.TRACKING,
                "原参保地已办理停保", null, "停保完成，重新提交参保登记", null, null, 1));
        entry(otherEvents, new WorkLogEntryRecordedEvent(elsewhere, 1, "agent-3", now, WorkLogEntryKind.PROBLEM,
                "系统故障", null, null, null, null, null));
        // In the village below C, recorded today about what happened yesterday; a problem resolved at once.
        DelegationId inTheVillage = villageEvents.commissioned(eventStore, DelegationKind.ASSIST, lastWeek);
        Instant yesterday = now.minus(1, ChronoUnit.DAYS);
        villageEvents.append(eventStore, "Delegation", inTheVillage.value(), new WorkLogEntryRecordedEvent(
                inTheVillage, 1, "agent-4", yesterday, WorkLogEntryKind.PROBLEM, "群众带错材料", null, "当场指导重新填写",
                null, null, null), now);
        // And one left open there, on a matter then archived: closed unresolved, no longer open.
        DelegationId archived = villageEvents.commissioned(eventStore, DelegationKind.ASSIST, lastWeek);
        villageEvents.append(eventStore, "Delegation", archived.value(), new WorkLogEntryRecordedEvent(archived, 1,
                "agent-4", lastWeek.minus(1, ChronoUnit.HOURS), WorkLogEntryKind.PROBLEM, "群众未再来补充材料", null,
                null, null, null, null), lastWeek);
        LocalDate today = LocalDate.parse(get("/api/stations/" + C + "/dashboard").get("today").asText());
        villageEvents.append(eventStore, "Delegation", archived.value(), new DelegationArchivedEvent(archived,
                "DA-" + VILLAGE, List.of("受理单"), today), now);

        String log = "/api/work-log?station=" + C;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = get(log);
            assertThat(entries(page.get("rows"))).containsExactly(proxy.value() + "#3", assist.value() + "#1",
                    proxy.value() + "#2", proxy.value() + "#1");
            assertThat(page.get("totalRows").asLong()).isEqualTo(4);
        });
        // The other station's matter and the archived one are not in that log, and may be on the other segment.
        ProjectionsAtHead.await(jdbc, "delegations");
        JsonNode rows = get(log).get("rows");
        JsonNode resolved = rows.get(3);
        assertThat(resolved.get("kind").asText()).isEqualTo("PROBLEM");
        assertThat(resolved.get("analysis").asText()).isEqualTo("两地同时参保，需先在原参保地办理停保");
        assertThat(resolved.get("open").asBoolean()).isFalse();
        assertThat(resolved.get("resolvedBy").asInt()).isEqualTo(3);
        assertThat(resolved.get("resolvedOn").asText()).isEqualTo(rows.get(0).get("date").asText());
        assertThat(resolved.get("itemName").asText()).isEqualTo("城乡居民养老保险参保登记");
        assertThat(rows.get(0).get("resolves").asInt()).isEqualTo(1);
        assertThat(rows.get(2).get("department").asText()).isEqualTo("县人社局社保中心");
        assertThat(rows.get(2).get("open").asBoolean()).as("not a problem").isFalse();

        assertThat(entries(get(log + "&openProblems=true").get("rows"))).containsExactly(assist.value() + "#1");
        assertThat(get("/api/stations/" + C + "/dashboard?rollUp=false").get("openWorkLogProblems").asLong())
                .isEqualTo(1);
        assertThat(get("/api/stations/" + OTHER + "/dashboard").get("openWorkLogProblems").asLong()).isEqualTo(1);
        assertThat(entries(get(log + "&kind=COORDINATION").get("rows"))).containsExactly(proxy.value() + "#2");
        LocalDate weekDay = LocalDate.parse(rows.get(3).get("date").asText());
        assertThat(entries(get(log + "&from=" + weekDay + "&to=" + weekDay).get("rows")))
                .containsExactly(proxy.value() + "#2", proxy.value() + "#1");
        assertThat(entries(get("/api/work-log?station=" + OTHER).get("rows"))).containsExactly(elsewhere.value() + "#1");
        // The zone: C and its village, newest first across both; pages of two.
        String zone = "/api/work-log?station=" + C + "&rollUp=true";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(zone).get("totalRows").asLong()).isEqualTo(6);
            assertThat(get("/api/delegations/" + archived.value()).get("status").asText()).isEqualTo("ARCHIVED");
        });
        assertThat(entries(get(zone).get("rows"))).containsExactly(proxy.value() + "#3", inTheVillage.value() + "#1",
                assist.value() + "#1", proxy.value() + "#2", proxy.value() + "#1", archived.value() + "#1");
        JsonNode second = get(zone + "&page=1&size=2");
        assertThat(entries(second.get("rows"))).containsExactly(assist.value() + "#1", proxy.value() + "#2");
        assertThat(second.get("rows").get(0).get("serial").asLong()).isEqualTo(3);
        assertThat(second.get("totalRows").asLong()).isEqualTo(6);
        assertThat(entries(get(zone + "&openProblems=true").get("rows"))).containsExactly(assist.value() + "#1");
        assertThat(get("/api/delegations/" + archived.value()).get("workLog").get(0).get("open").asBoolean()).isFalse();
        assertThat(http.getForObject("/api/work-log.csv?station=" + VILLAGE, String.class).lines()
                .filter(line -> line.contains("群众未再来补充材料")).findFirst().orElseThrow())
                .contains("否（归档时未解决）");
        JsonNode atOnce = get(zone).get("rows").get(1);
        assertThat(atOnce.get("open").asBoolean()).as("resolved when recorded").isFalse();
        assertThat(atOnce.get("resolvedOn").asText()).isEqualTo(atOnce.get("date").asText());
        assertThat(Instant.parse(atOnce.get("recordedAt").asText())).as("written after the fact")
                .isAfter(Instant.parse(atOnce.get("occurredAt").asText()));
        assertThat(atOnce.get("stationName").asText()).isEqualTo("县政务服务中心 " + VILLAGE);
        // The zone's dashboard: C's open problem and the village's new one (its others resolved, or closed with
        // their archived matter); the village alone: its one.
        villageEvents.append(eventStore, "Delegation", inTheVillage.value(), new WorkLogEntryRecordedEvent(
                inTheVillage, 2, "agent-4", now, WorkLogEntryKind.PROBLEM, "系统无法上传材料", null, null, null, null,
                null), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/stations/" + C + "/dashboard?rollUp=true").get("openWorkLogProblems").asLong())
                        .isEqualTo(2));
        assertThat(get("/api/stations/" + C + "/dashboard?rollUp=false").get("openWorkLogProblems").asLong())
                .isEqualTo(1);
        assertThat(get("/api/stations/" + VILLAGE + "/dashboard").get("openWorkLogProblems").asLong()).isEqualTo(1);
        assertThat(http.getForEntity(log + "&openProblems=true&kind=TRACKING", String.class).getStatusCode().value())
                .isEqualTo(400);

        JsonNode detail = get("/api/delegations/" + proxy.value()).get("workLog");
        assertThat(detail).hasSize(3);
        assertThat(detail.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(detail.get(0).get("open").asBoolean()).isFalse();
        assertThat(detail.get(0).get("resolvedBy").asInt()).isEqualTo(3);
        assertThat(detail.get(2).get("resolution").asText()).isEqualTo("停保完成，重新提交参保登记");
        assertThat(get("/api/delegations/" + assist.value()).get("workLog").get(0).get("open").asBoolean()).isTrue();

        String csv = http.getForObject("/api/work-log.csv?station=" + C, String.class);
        assertThat(csv).contains("记录编号", "情况记录", "原因分析", "处理结果", "是否已解决", "解决记录（记录编号）", "记录时间");
        assertThat(csv.lines().filter(line -> line.contains("申请表填写有误被退回")).findFirst().orElseThrow())
                .contains("问题处理", ",否,");
        // Problem 1, resolved by entry 3 on the day of entry 3; entry 3 names the problem it resolved.
        assertThat(csv.lines().filter(line -> line.contains("社保系统显示参保记录重复")).findFirst().orElseThrow())
                .contains(",是,3," + rows.get(0).get("date").asText() + ",");
        assertThat(csv.lines().filter(line -> line.contains("原参保地已办理停保")).findFirst().orElseThrow())
                .contains("停保完成，重新提交参保登记,,,1,,,,");
    }

    /**
     * The page as the endpoint reads it, explained with its arguments, over a county's log: 20,000 entries of 50 other
     * stations written and analysed in a transaction that is rolled back (no sequential scans, so a missing index
     * shows).
     */
    String plan(FetchWorkLogQuery query) {
        LedgerQueries.WorkLogPage page = LedgerQueries.workLogPage(query);
        return plan(page.sql(), page.args());
    }

    String plan(String sql, List<Object> args) {
        return new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            jdbc.update("""
                    insert into work_log_entry (delegation_id, number, station_code, kind, occurred_at, occurred_on,
                        summary, recorded_at)
                    select 'plan-' || g, 1, '9900' || (g % 50), (array['PROBLEM', 'COORDINATION', 'TRACKING'])[g % 3 + 1],
                        now() - g * interval '1 hour', current_date - g / 24, '记录', now()
                    from generate_series(1, 20000) g""");
            jdbc.execute("analyze work_log_entry");
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("explain " + sql, String.class, args.toArray()));
        });
    }

    /**
     * Each filter reads its index of V170–V171, a busy station's in the list's order without sorting: the station's
     * days, its open problems, one kind; the whole county by day; a zone through its stations. (Explained without
     * sequential scans, so a missing index shows.)
     */
    @Test
    void eachFilterOfTheWorkLogReadsItsIndex() {
        String busy = "99001"; // 400 of the 20,000 entries plan() writes
        assertThat(plan(new FetchWorkLogQuery(busy, false, null, null, null, false, 0, 50)))
                .contains("work_log_station_day").doesNotContain("Sort");
        assertThat(plan(new FetchWorkLogQuery(busy, false, null, null, null, true, 0, 50)))
                .contains("work_log_open_problems").doesNotContain("Sort");
        assertThat(plan(new FetchWorkLogQuery(busy, false, null, null, WorkLogEntryKind.COORDINATION, false, 0, 50)))
                .contains("work_log_station_kind_day").doesNotContain("Sort");
        assertThat(plan(new FetchWorkLogQuery(null, false, null, null, null, false, 0, 50)))
                .contains("work_log_day").doesNotContain("Sort");
        // The dashboard's count of a station's open problems.
        assertThat(plan(DashboardQueries.openProblemsSql(ScopeSql.of(busy, false)), List.of(busy)))
                .contains("work_log_open_problems");
        assertThat(plan(new FetchWorkLogQuery(C, true, null, null, null, false, 0, 50)))
                .containsAnyOf("work_log_day", "work_log_station_day", "work_log_station_kind_day")
                .doesNotContain("Seq Scan on work_log_entry");
    }
}

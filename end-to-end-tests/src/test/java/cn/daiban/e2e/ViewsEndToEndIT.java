package cn.daiban.e2e;

import cn.daiban.kernel.calendar.ServiceClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several delegations driven through the command API of a running backend (completed on time the same day,
 * escalated, suspended, poorly evaluated, declined), then every view and export of the query side read back and
 * its figures checked. Lateness needs days to pass; it is pinned on a fixed history in the query side's
 * DelegationViewsIT.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(3)
class ViewsEndToEndIT {

    static Scenario s;
    static String agent;
    static Map<String, String> ids = new HashMap<>();
    /**
     * The service day the scenario ran on. The dashboard's "today" figures are read for it (its {@code today}
     * parameter), so they hold when the reads come after midnight in the service's zone (a CI run at 16:00 UTC read
     * them on the next day and found no intake).
     */
    static LocalDate day;

    /**
     * Today in the service's zone, once the last minute before its midnight has passed: the scenario's steps take
     * seconds, and a day that changed under them would split its figures over two days.
     */
    static LocalDate serviceDayClearOfMidnight() {
        ZoneId zone = ZoneId.of(ServiceClock.DEFAULT_ZONE);
        ZonedDateTime now = ZonedDateTime.now(zone);
        Duration left = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(zone));
        if (left.compareTo(Duration.ofMinutes(1)) < 0) {
            try {
                Thread.sleep(left.plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return LocalDate.now(zone);
    }

    static Map<String, Object> assist(String item) {
        Map<String, Object> body = s.assist(agent, item, "刘大爷", "13912345678");
        body.put("window", "W1");
        return body;
    }

    static String commission(Map<String, Object> body) {
        return Http.as(agent, s.village).post(command("/api/delegations"), body).expect(201).json().get("id").asText();
    }

    static void step(String id, String path, Object body) {
        Http.as(agent, s.village).post(command("/api/delegations/" + id + path), body).expect(200);
    }

    @BeforeAll
    static void drive() {
        day = serviceDayClearOfMidnight();
        s = Scenario.hierarchy(List.of("ZR-001", "RS-001", "YB-002"));
        agent = s.qualifiedAgent("周敏", "AGENT");
        String leader = s.qualifiedAgent("吴队长", "ZONE_LEAD");

        // A: on the spot (0 working days), completed the same day, delivered, graded poorly.
        String a = commission(assist("YB-002"));
        step(a, "/completion", Map.of("successful", true, "resultReference", "医保参保登记 0001"));
        step(a, "/delivery", Map.of("method", "IN_PERSON", "handoverProof", "本人签收"));
        step(a, "/evaluation", Map.of("overall", "DISSATISFIED", "attitude", "SATISFIED", "quality", "DISSATISFIED",
                "efficiency", "DISSATISFIED", "channel", "DEVICE", "comment", "排队太久"));
        // B: a proxy outside the village's authority, escalated to the county.
        Map<String, Object> proxy = assist("ZR-001");
        proxy.put("kind", "PROXY");
        proxy.put("client", Map.of("kind", "CITIZEN", "name", "王秀英", "residentId", "11010519491231002X",
                "phone", "13912345678"));
        proxy.put("needsAnalysis", Map.of("difficulty", "HIGH", "estimatedWorkingDays", 10,
                "steps", List.of("核对材料", "上传县级"), "confirmedByClient", true));
        proxy.put("teamLeaderId", leader);
        proxy.put("applicantSigned", true);
        String b = commission(proxy);
        step(b, "/escalations", Map.of("targetStationCode", s.county, "uploadedMaterialRefs", List.of("scan/1.pdf")));
        // C: suspended at the client's request.
        String c = commission(assist("RS-001"));
        step(c, "/suspension", Map.of("reason", "CLIENT_REQUEST", "note", "外出务工"));
        // D: declined at intake.
        Map<String, Object> declined = new HashMap<>(Map.of("kind", "ASSIST", "stationCode", s.village, "agentId", agent,
                "itemCode", "RS-001", "client", Map.of("kind", "CITIZEN", "name", "赵四", "phone", "13900001111"),
                "reason", "已在异地参保"));
        ids.put("D", Http.as(agent, s.village).post(command("/api/delegations/declined"), declined).expect(201).json()
                .get("id").asText());
        // E: on the spot, completed the same day, delivered, very satisfied.
        String e = commission(assist("YB-002"));
        step(e, "/completion", Map.of("successful", true, "resultReference", "医保参保登记 0002"));
        step(e, "/delivery", Map.of("method", "ELECTRONIC_LICENCE", "handoverProof", "短信通知",
                "licenceInstructionsGiven", true));
        step(e, "/evaluation", Map.of("overall", "VERY_SATISFIED", "attitude", "VERY_SATISFIED",
                "quality", "VERY_SATISFIED", "efficiency", "VERY_SATISFIED", "channel", "ONLINE"));
        // A consultation answered at once.
        Http.as(agent, s.village).post(command("/api/consultations"), Map.of("stationCode", s.village,
                "visitorName", "李大爷", "contact", "13812345678", "channel", "PHONE", "content", "医保怎么交？",
                "answer", "可在村站代缴")).expect(201);
        ids.putAll(Map.of("A", a, "B", b, "C", c, "E", e));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/ledger?station=" + s.village)).expect(200).json().get("totalRows").asLong()).isEqualTo(5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/satisfaction?groupBy=STATION&station=" + s.village)).expect(200).json()
                .get("groups").get(0).get("evaluations").asLong()).isEqualTo(2));
        // Each matter's last step and the consultation, which the waits above do not prove: the groups handle
        // matters on two segments in no order between them, and the consultation in a group of its own.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Http.admin().get(query("/api/delegations/" + b)).expect(200).json().get("status").asText())
                    .isEqualTo("ESCALATED");
            assertThat(Http.admin().get(query("/api/delegations/" + c)).expect(200).json().get("status").asText())
                    .isEqualTo("SUSPENDED");
            assertThat(Http.admin().get(query("/api/consultations?station=" + s.village)).expect(200).json()
                    .get("rows")).hasSize(1).allSatisfy(row -> assertThat(row.get("answeredInTime").asBoolean()).isTrue());
        });
    }

    @Test
    void ledgerRegistersAndConsultationRecord() {
        JsonNode ledger = Http.admin().get(query("/api/ledger?station=" + s.county + "&rollUp=true")).expect(200).json();
        assertThat(ledger.get("totalRows").asLong()).isEqualTo(5);
        JsonNode declined = ledger.get("rows").findParents("delegationId").stream()
                .filter(row -> row.get("delegationId").asText().equals(ids.get("D"))).findFirst().orElseThrow();
        assertThat(declined.get("accepted").asBoolean()).isFalse();
        assertThat(declined.get("declineReason").asText()).isEqualTo("已在异地参保");
        assertThat(ledger.get("rows").findParents("sameDayCompletedAt")).hasSize(2);

        assertThat(Http.admin().get(query("/api/registers/assist?station=" + s.village)).expect(200).json()
                .get("totalRows").asLong()).isEqualTo(4);
        assertThat(Http.admin().get(query("/api/registers/proxy?station=" + s.village)).expect(200).json()
                .get("totalRows").asLong()).isEqualTo(1);
        JsonNode consultations = Http.admin().get(query("/api/consultations?station=" + s.village)).expect(200).json();
        assertThat(consultations.get("rows").get(0).get("answeredInTime").asBoolean()).isTrue();
    }

    @Test
    void dashboardFigures() {
        JsonNode d = Http.admin().get(query("/api/stations/" + s.county + "/dashboard?today=" + day)).expect(200)
                .json();
        assertThat(d.get("todaysIntake").asLong()).isEqualTo(4);
        assertThat(d.get("todaysDeclined").asLong()).isEqualTo(1);
        assertThat(d.get("todaysSameDayCompletions").asLong()).isEqualTo(2);
        assertThat(d.get("openByStatus").get("ESCALATED").asLong()).isEqualTo(1);
        assertThat(d.get("openByStatus").get("SUSPENDED").asLong()).isEqualTo(1);
        assertThat(d.get("completed").asLong()).isEqualTo(2);
        assertThat(d.get("onTimeRate").asDouble()).isEqualTo(1.0);
        assertThat(d.get("averageHandlingWorkingDays").asDouble()).isEqualTo(0.0);
        assertThat(d.get("consultationTimelinessRate").asDouble()).isEqualTo(1.0);
        assertThat(d.get("satisfaction").get("DISSATISFIED").asLong()).isEqualTo(1);
        assertThat(d.get("satisfaction").get("VERY_SATISFIED").asLong()).isEqualTo(1);
        assertThat(d.get("openRectifications").asLong()).isEqualTo(1);
        assertThat(d.get("overdue")).isEmpty();
    }

    @Test
    void satisfactionAndPoorGrades() {
        JsonNode village = Http.admin().get(query("/api/satisfaction?groupBy=STATION&station=" + s.county))
                .expect(200).json().get("groups").get(0);
        assertThat(village.get("key").asText()).isEqualTo(s.village);
        assertThat(village.get("satisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(village.get("quality").get("DISSATISFIED").asLong()).isEqualTo(1);
        assertThat(village.get("evaluatedShare").asDouble()).isEqualTo(1.0);
        JsonNode poor = Http.admin().get(query("/api/satisfaction/poor-grades?station=" + s.village)).expect(200)
                .json().get("poorGrades");
        assertThat(poor).hasSize(1);
        assertThat(poor.get(0).get("rectification").asText()).isEqualTo("OPEN");
    }

    @Test
    void delegationDetailShowsTheEscalationPath() {
        JsonNode detail = Http.admin().get(query("/api/delegations/" + ids.get("B"))).expect(200).json();
        assertThat(detail.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(detail.get("details").get("hop:1").get("target").asText()).isEqualTo(s.county);
        assertThat(detail.get("steps").findValuesAsText("eventType"))
                .containsExactly("DelegationCommissionedEvent", "DelegationEscalatedEvent");
    }

    @Test
    void statisticsGoUpAndTheUpperLevelSeesWhoHasNotSubmitted() {
        String quarter = Scenario.TODAY.getYear() + "-Q" + ((Scenario.TODAY.getMonthValue() - 1) / 3 + 1);
        JsonNode produced = Http.admin().get(query("/api/stations/" + s.village + "/dashboard")).expect(200).json();
        Http.as("head-01", s.village).post(command("/api/stations/" + s.village + "/statistics"), Map.of(
                "period", quarter, "figures", Map.of("completed", produced.get("completed").asDouble(),
                        "onTimeRate", produced.get("onTimeRate").asDouble(),
                        "todaysIntake", produced.get("todaysIntake").asDouble()))).expect(200);
        Http.as("head-01", s.village).post(command("/api/stations/" + s.village + "/statistics"), Map.of(
                "period", quarter, "figures", Map.of("completed", 2.0))).expect(409);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode township = Http.admin().get(query("/api/stations/" + s.township
                    + "/statistics-submissions?period=" + quarter)).expect(200).json();
            assertThat(township.get("submitted").findValuesAsText("stationCode")).containsExactly(s.village);
            assertThat(township.get("submitted").get(0).get("figures").get("completed").asDouble()).isEqualTo(2.0);
            assertThat(township.get("missing")).isEmpty();
        });
        JsonNode county = Http.admin().get(query("/api/stations/" + s.county + "/statistics-submissions?period="
                + quarter)).expect(200).json();
        assertThat(county.get("missing").findValuesAsText("stationCode")).containsExactly(s.township);
    }

    @Test
    void exportsDownload() {
        Http.Answer csv = Http.admin().get(query("/api/ledger.csv?station=" + s.village));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF序号,时间,便民服务站名称,窗口,事项所属");
        assertThat(csv.body().lines().count()).isEqualTo(6);
        Http.Answer register = Http.admin().get(query("/api/registers/assist.csv?station=" + s.village));
        assertThat(register.body().getBytes(StandardCharsets.UTF_8).length).isPositive();
        assertThat(register.body()).contains("事项名称,受理理由,办理方式");
        Http.Answer xlsx = Http.admin().get(query("/api/ledger.xlsx?station=" + s.village));
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.headers().get("content-type")).contains("spreadsheetml");
    }
}

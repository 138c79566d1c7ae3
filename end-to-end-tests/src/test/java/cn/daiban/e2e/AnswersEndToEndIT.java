package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every row of the README's "Answers" table, one test each, on whichever engine the run uses (the same class runs on
 * the JDBC event store and on Axon Server, see {@link Backend}): the status, the problem+json shape and the rule are
 * the same on both, because a refusal's meaning travels as the details of Axon's execution exceptions rather than as
 * exception classes (which do not cross Axon Server).
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnswersEndToEndIT {

    static Scenario s;
    static String agent;
    static String leader;

    @BeforeAll
    static void hierarchy() {
        s = Scenario.hierarchy(List.of("RS-001"));
        agent = s.qualifiedAgent("周敏", "AGENT");
        leader = s.qualifiedAgent("吴队长", "ZONE_LEAD");
    }

    static String newCountyCode() {
        return CountyCodes.next();
    }

    static Map<String, Object> county(String code) {
        return Map.of("stationCode", code, "name", "沁水县政务服务中心", "level", "COUNTY_CENTRE", "region", code.substring(0, 6),
                "address", "沁水县龙港镇新建街1号", "manager", Map.of("name", "张伟", "phone", "13812345678"),
                "supervisionPhone", "0356-7022345");
    }

    /** The problem+json shape every error answer has, with the rule and (if given) the field it names. */
    static JsonNode problem(Http.Answer answer, int status, String rule, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode json = answer.json();
        assertThat(json.get("rule").asText()).as(answer.body()).isEqualTo(rule);
        assertThat(json.get("type").asText()).isEqualTo("urn:daiban:problem:" + rule);
        assertThat(json.get("detail").asText()).isNotBlank().doesNotContain("Exception");
        if (field != null) {
            assertThat(json.get("field").asText()).as(answer.body()).isEqualTo(field);
        }
        return json;
    }

    @Test
    @Order(1)
    void createdIsTheIdAndVersion() {
        String code = newCountyCode();
        JsonNode created = Http.admin().post(command("/api/stations"), county(code)).expect(201).json();
        assertThat(created.get("id").asText()).isEqualTo(code);
        assertThat(created.get("version").asLong()).isZero();
        JsonNode approved = Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of())
                .expect(200).json();
        assertThat(approved.get("version").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void malformedOrInvalidInputIs400NamingTheField() {
        problem(Http.admin().post(command("/api/stations"), "{\"stationCode\": "), 400, "malformed-request", null);
        Map<String, Object> noName = new HashMap<>(county(newCountyCode()));
        noName.remove("name");
        problem(Http.admin().post(command("/api/stations"), noName), 400, "malformed-request", "name");
    }

    @Test
    @Order(3)
    void noTokenIs401() {
        problem(Http.anonymous().post(command("/api/stations"), county(newCountyCode())), 401, "unauthenticated", null);
        problem(Http.anonymous().get(query("/api/stations/" + s.village)), 401, "unauthenticated", null);
    }

    @Test
    @Order(4)
    void aRoleThatMayNotIs403() {
        String code = newCountyCode();
        Http.admin().post(command("/api/stations"), county(code)).expect(201);
        problem(Http.as(agent, s.village, "AGENT").post(command("/api/stations/" + code + "/opening/approval"),
                Map.of()), 403, "forbidden", null);
    }

    @Test
    @Order(5)
    void anUnknownIdIs404() {
        problem(Http.admin().post(command("/api/stations/" + newCountyCode() + "/opening/approval"), Map.of()),
                404, "not-found", null);
        problem(Http.admin().get(query("/api/delegations/" + UUID.randomUUID())), 404, "not-found", null);
    }

    @Test
    @Order(6)
    void aStepTheLifeCycleForbidsIs409() {
        String code = newCountyCode();
        Http.admin().post(command("/api/stations"), county(code)).expect(201);
        Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of()).expect(200);
        problem(Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of()),
                409, "station-status", null);
    }

    @Test
    @Order(7)
    void aStaleIfMatchIs409() {
        String code = newCountyCode();
        Http.admin().post(command("/api/stations"), county(code)).expect(201);
        Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of()).expect(200);
        // Version 1 now; a client still holding version 0 is told to reload, and nothing is stored.
        Http manager = Http.as("manager-" + code, code);
        problem(manager.with("If-Match", "\"0\"").post(command("/api/stations/" + code + "/closure"),
                Map.of("reason", "合并")), 409, "stale-version", "If-Match");
        JsonNode closure = manager.with("If-Match", "\"1\"").post(command("/api/stations/" + code + "/closure"),
                Map.of("reason", "合并")).expect(200).json();
        assertThat(closure.get("version").asLong()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void concurrentCreatesOfOneStationAreOne201AndTheOthers409() throws Exception {
        for (int round = 0; round < 2; round++) {
            String code = newCountyCode();
            int clients = 3;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Http.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return Http.admin().post(command("/api/stations"), county(code));
                    }));
                }
                start.countDown();
                List<Http.Answer> all = new ArrayList<>();
                for (Future<Http.Answer> answer : answers) {
                    all.add(answer.get(60, TimeUnit.SECONDS));
                }
                assertThat(all).extracting(Http.Answer::status).as(all.toString())
                        .containsOnly(201, 409).containsOnlyOnce(201);
                for (Http.Answer answer : all) {
                    if (answer.status() == 409) {
                        // Lost the race at the store (already-exists) or came after the winner's look-up row
                        // (station-code-unique): either way the id is taken.
                        assertThat(answer.json().get("rule").asText()).as(answer.body())
                                .isIn("already-exists", "station-code-unique");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            // Exactly one stream: approving works once, and the station reaches the directory once.
            Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of()).expect(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    Http.admin().get(query("/api/stations/" + code)).expect(200).json().get("status").asText())
                    .isEqualTo("OPEN"));
        }
    }

    @Test
    @Order(9)
    void aBrokenBusinessRuleIs422NamingTheRuleAndField() {
        String nowhere = newCountyCode();
        Map<String, Object> agentAtNowhere = Map.of("stationCode", nowhere, "name", "赵红",
                "phone", "13700001111", "background", "PARTY_MEMBER", "role", "AGENT",
                "intakeExperienceSince", "2024-06-01");
        problem(Http.as("manager-" + nowhere, nowhere).post(command("/api/agents"), agentAtNowhere), 422,
                "reference-exists", "stationCode");
    }

    /**
     * A rule checked by a policy while the command's unit of work commits (a consultation leads to one delegation
     * only; the consultation named must exist), not by the handler: the same 422 naming the rule and field on both
     * engines. Behind Axon Server it used to be a 500: the refusal was raised after the command
     * bus's interceptor, as an exception class, which does not cross Axon Server.
     */
    @Test
    @Order(9)
    void aRuleCheckedAsTheCommandCommitsIs422NamingTheRuleAndField() {
        Http staff = Http.as(agent, s.village, "AGENT");
        String consultation = staff.post(command("/api/consultations"), Map.of("stationCode", s.village,
                "agentId", agent, "visitorName", "钱大爷", "contact", "13912345678", "channel", "VISIT",
                "content", "城乡居民养老保险怎么参保？")).expect(201).json().get("id").asText();
        Map<String, Object> first = s.assist(agent, "RS-001", "钱大爷", "13912345678");
        first.put("consultationId", consultation);
        staff.post(command("/api/delegations"), first).expect(201);

        Map<String, Object> again = s.assist(agent, "RS-001", "钱大爷", "13912345678");
        again.put("consultationId", consultation);
        problem(staff.post(command("/api/delegations"), again), 422, "converted-once", "consultationId");

        Map<String, Object> unknown = s.assist(agent, "RS-001", "钱大爷", "13912345678");
        unknown.put("consultationId", UUID.randomUUID().toString());
        problem(staff.post(command("/api/delegations"), unknown), 422, "reference-exists", "consultationId");
    }

    @Test
    @Order(10)
    void newPersonalDataForAnErasedDataSubjectIs422() {
        Http staff = Http.as(agent, s.village, "AGENT");
        Map<String, Object> assist = s.assist(agent, "RS-001", "郑秀兰", "13911112222");
        String assisted = staff.post(command("/api/delegations"), assist).expect(201).json().get("id").asText();
        Http.as("admin-privacy", null).post(command("/api/admin/data-subjects/erasure"), Map.of("subjectId", assisted,
                "reason", "本人依法申请删除个人信息")).expect(201);
        problem(staff.post(command("/api/delegations/" + assisted + "/conversion-to-proxy"), Map.of(
                "client", Map.of("kind", "CITIZEN", "name", "郑秀兰", "residentId", "11010519491231002X",
                        "phone", "13911112222"),
                "needsAnalysis", Map.of("difficulty", "LOW", "estimatedWorkingDays", 1, "steps", List.of("核对材料"),
                        "confirmedByClient", true), "teamLeaderId", leader, "applicantSigned", true)),
                422, "data-subject-erased", null);
    }

    @Test
    @Order(11)
    void anIdempotencyKeyReusedForAnotherRequestIs422() {
        String key = UUID.randomUUID().toString();
        Http keyed = Http.admin().with("Idempotency-Key", key);
        keyed.post(command("/api/stations"), county(newCountyCode())).expect(201);
        Http.Answer again = keyed.post(command("/api/stations"), county(newCountyCode()));
        problem(again, 422, "idempotency-key-reused", "Idempotency-Key");
    }

    @Test
    @Order(12)
    void aCalendarYearNotLoadedIs422FromTheQuerySide() {
        problem(Http.admin().get(query("/api/calendar/working-days?from=2031-03-02&days=5")), 422,
                "calendar-year-not-loaded", "year");
    }

    @Test
    @Order(13)
    void theDatabaseAwayIs503WithRetryAfterOnBothSides() throws Exception {
        Backend.stopDatabase();
        try {
            Http fast = Http.admin().within(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Http.Answer commanded = fast.post(command("/api/stations"), county(newCountyCode()));
                problem(commanded, 503, "unavailable", null);
                assertThat(commanded.headers()).containsKey("retry-after");
                Http.Answer read = fast.get(query("/api/stations/" + s.village));
                problem(read, 503, "unavailable", null);
                assertThat(read.headers()).containsKey("retry-after");
            });
        } finally {
            Backend.startDatabase();
        }
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                client.send(HttpRequest.newBuilder(URI.create(command("/actuator/health/readiness"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                        && client.send(HttpRequest.newBuilder(URI.create(query("/actuator/health/readiness"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        Http.admin().post(command("/api/stations"), county(newCountyCode())).expect(201);
    }
}

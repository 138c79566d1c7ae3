package cn.daiban.command.web;

import cn.daiban.command.assessment.AssessmentPublication;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 003 四(三) 考核评估结果每季度通报 on a real PostgreSQL: a supervisor over the station publishes a quarter's assessment
 * once; a second publication, also several at the same moment, is refused with rule assessment-published-once and
 * leaves exactly one event in the store.
 */
class AssessmentPublicationIT extends PostgresIntegrationTest {

    static final int LAST_YEAR = LocalDate.now().getYear() - 1;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;

    ResponseEntity<String> post(String path, String body, Role role, String station) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(tokens.issue(role.name().toLowerCase() + "-" + station, role, station));
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    /** The next county code's two digits: distinct for this JVM's tests (two random ones met one run in 89). */
    static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(89));

    String county() {
        String county = "1583" + (10 + NEXT.getAndIncrement() % 89) + "000";
        for (String path : List.of("/api/stations", "/api/stations/" + county + "/opening/approval")) {
            ResponseEntity<String> answer = post(path, path.equals("/api/stations")
                    ? ConcurrentCommandsIT.opening(county, "COUNTY_CENTRE", null) : "{}", Role.ADMINISTRATOR, null);
            assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
        }
        return county;
    }

    static String publication(String station, int year, int quarter) {
        return "{\"station\":\"" + station + "\",\"year\":" + year + ",\"quarter\":" + quarter + "}";
    }

    long events(String station, int year, int quarter) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Long.class, PublishQuarterlyAssessmentCommand.idOf(StationCode.of(station), year, quarter));
    }

    JsonNode problem(ResponseEntity<String> answer, int status) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        return json.readTree(answer.getBody());
    }

    @Test
    void assessmentPublishedOnce_aSecondPublicationIsRefusedAndLeavesOneEvent() throws Exception {
        String county = county();
        ResponseEntity<String> first = post("/api/assessments/quarterly/publications", publication(county, LAST_YEAR, 4),
                Role.SUPERVISOR, county);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(json.readTree(first.getBody()).get("id").asText())
                .isEqualTo("assessment-" + county + "-" + LAST_YEAR + "-Q4");

        JsonNode again = problem(post("/api/assessments/quarterly/publications", publication(county, LAST_YEAR, 4),
                Role.ADMINISTRATOR, null), 409);
        assertThat(again.get("rule").asText()).isEqualTo(AssessmentPublication.PUBLISHED_ONCE);
        assertThat(events(county, LAST_YEAR, 4)).isEqualTo(1);

        JsonNode early = problem(post("/api/assessments/quarterly/publications",
                publication(county, LocalDate.now().getYear() + 1, 1), Role.SUPERVISOR, county), 422);
        assertThat(early.get("rule").asText()).isEqualTo(AssessmentPublication.QUARTER_OVER);
        assertThat(early.get("field").asText()).isEqualTo("quarter");
        assertThat(events(county, LocalDate.now().getYear() + 1, 1)).isZero();

        JsonNode noQuarter = problem(post("/api/assessments/quarterly/publications",
                "{\"station\":\"" + county + "\",\"year\":" + LAST_YEAR + "}", Role.SUPERVISOR, county), 400);
        assertThat(noQuarter.get("field").asText()).isEqualTo("quarter");
        JsonNode badQuarter = problem(post("/api/assessments/quarterly/publications", publication(county, LAST_YEAR, 5),
                Role.SUPERVISOR, county), 400);
        assertThat(badQuarter.get("field").asText()).isEqualTo("quarter");
        // The station judged does not publish its own assessment.
        problem(post("/api/assessments/quarterly/publications", publication(county, LAST_YEAR, 3),
                Role.STATION_MANAGER, county), 403);
        assertThat(events(county, LAST_YEAR, 3)).isZero();
    }

    @Test
    void assessmentPublishedOnce_publicationsAtTheSameMomentLeaveOneAndRefuseTheOthersByTheRule() throws Exception {
        String county = county();
        int threads = 6;
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        List<ResponseEntity<String>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResponseEntity<String>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sent.add(clients.submit(() -> {
                    start.await();
                    return post("/api/assessments/quarterly/publications", publication(county, LAST_YEAR, 2),
                            Role.SUPERVISOR, county);
                }));
            }
            start.countDown();
            for (Future<ResponseEntity<String>> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 201)).hasSize(1);
        for (ResponseEntity<String> answer : answers) {
            if (answer.getStatusCode().value() != 201) {
                assertThat(problem(answer, 409).get("rule").asText()).isEqualTo(AssessmentPublication.PUBLISHED_ONCE);
            }
        }
        assertThat(events(county, LAST_YEAR, 2)).isEqualTo(1);
    }
}

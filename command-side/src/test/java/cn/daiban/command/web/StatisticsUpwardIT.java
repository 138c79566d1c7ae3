package cn.daiban.command.web;

import cn.daiban.command.support.PostgresIntegrationTest;
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

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 数据统计上报 (`002 服务人员`) on a real PostgreSQL: a station submits without typing figures in (the system computes
 * them), with remarks and corrections kept beside; a figure corrected twice in one submission is refused with rule
 * statistics-correction-once-per-figure and leaves no event; an old request with typed figures still works.
 */
class StatisticsUpwardIT extends PostgresIntegrationTest {

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

    long submissions(String station) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%StationStatisticsSubmittedEvent'", Long.class, station);
    }

    @Test
    void statisticsCorrectionOncePerFigure_isRefusedAndTheComputedSubmissionCarriesRemarksAndCorrections()
            throws Exception {
        String county = "1585" + ThreadLocalRandom.current().nextInt(10, 99) + "000";
        for (String path : List.of("/api/stations", "/api/stations/" + county + "/opening/approval")) {
            ResponseEntity<String> answer = post(path, path.equals("/api/stations")
                    ? ConcurrentCommandsIT.opening(county, "COUNTY_CENTRE", null) : "{}", Role.ADMINISTRATOR, null);
            assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
        }
        String path = "/api/stations/" + county + "/statistics";

        ResponseEntity<String> twice = post(path, """
                {"period":"2025-Q3","remarks":"备注","corrections":[
                  {"figure":"volume","value":3,"reason":"纸质登记一件未录入"},
                  {"figure":"volume","value":4,"reason":"另一件"}]}""", Role.STATION_MANAGER, county);
        assertThat(twice.getStatusCode().value()).as(twice.getBody()).isEqualTo(422);
        JsonNode problem = json.readTree(twice.getBody());
        assertThat(problem.get("rule").asText()).isEqualTo("statistics-correction-once-per-figure");
        assertThat(problem.get("field").asText()).isEqualTo("corrections");
        assertThat(submissions(county)).isZero();

        ResponseEntity<String> noReason = post(path, """
                {"period":"2025-Q3","corrections":[{"figure":"volume","value":3}]}""", Role.STATION_MANAGER, county);
        assertThat(noReason.getStatusCode().value()).as(noReason.getBody()).isEqualTo(400);
        JsonNode missing = json.readTree(noReason.getBody());
        assertThat(missing.get("field").asText()).isEqualTo("corrections[0].reason");
        assertThat(missing.get("detail").asText()).contains("reason");
        assertThat(submissions(county)).isZero();

        ResponseEntity<String> computed = post(path, """
                {"period":"2025-Q3","remarks":"本季度新增红色代办","corrections":[
                  {"figure":"volume","value":3,"reason":"纸质登记一件未录入"}]}""", Role.STATION_MANAGER, county);
        assertThat(computed.getStatusCode().value()).as(computed.getBody()).isEqualTo(200);
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from command_side.domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%StationStatisticsSubmittedEvent'",
                String.class, county);
        assertThat(payload).contains("本季度新增红色代办").contains("纸质登记一件未录入");

        // An old client's typed figures for another period: still accepted, kept apart.
        ResponseEntity<String> typed = post(path, "{\"period\":\"2025-Q2\",\"figures\":{\"completed\":2}}",
                Role.STATION_MANAGER, county);
        assertThat(typed.getStatusCode().value()).as(typed.getBody()).isEqualTo(200);
        assertThat(submissions(county)).isEqualTo(2);
    }
}

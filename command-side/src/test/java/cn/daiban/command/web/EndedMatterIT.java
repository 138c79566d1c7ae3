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

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A matter declined after intake over HTTP against PostgreSQL (`002 帮办·办结`, `002 资料归档`): its station's staff hand
 * the materials back, signed for by the client, then archive it; staff of another station are refused (the policy
 * knows a declined intake's station); an archive before the handover is a problem naming the rule, leaving nothing.
 */
class EndedMatterIT extends PostgresIntegrationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger(500);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;

    ResponseEntity<String> post(String path, String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    String created(String path, String body, String token) throws Exception {
        ResponseEntity<String> response = post(path, body, token);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isIn(200, 201);
        return json.readTree(response.getBody()).path("id").asText();
    }

    String county(String admin) throws Exception {
        String code = "1405" + (21000 + SERIAL.incrementAndGet());
        created("/api/stations", """
                {"stationCode":"%s","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "address":"沁水县龙港镇","manager":{"name":"张伟","phone":"13812345678"},
                 "supervisionPhone":"0356-7022345","serviceItemCodes":["RS-001"]}""".formatted(code), admin);
        created("/api/stations/" + code + "/opening/approval", "{}", admin);
        return code;
    }

    int events(String id) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Integer.class, id);
    }

    @Test
    void materialsHandedBack_002_banjie_aDeclinedIntakeIsHandedBackByItsStationThenArchived() throws Exception {
        String admin = tokens.issue("admin-ended", Role.ADMINISTRATOR, null);
        String own = county(admin);
        String other = county(admin);
        String manager = tokens.issue("manager-" + own, Role.STATION_MANAGER, own);
        String agentToken = tokens.issue("agent-" + own, Role.AGENT, own);
        String agent = created("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(own, LocalDate.now().minusYears(2)), manager);
        String declined = created("/api/delegations/declined", """
                {"kind":"PROXY","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"reason":"已参保，无需重复登记"}"""
                .formatted(own, agent), agentToken);
        String archive = "{\"archiveReference\":\"DA-1\",\"documents\":[\"退件告知\",\"资料移交单\"]}";
        String handback = "{\"materials\":[\"户口簿原件\"],\"signedByClient\":true,\"note\":\"当面清点\"}";

        int before = events(declined);
        ResponseEntity<String> early = post("/api/delegations/" + declined + "/archive", archive, agentToken);
        assertThat(early.getStatusCode().value()).isEqualTo(422);
        assertThat(early.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(early.getBody());
        assertThat(problem.get("rule").asText()).isEqualTo("materials-handed-back");
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:materials-handed-back");
        assertThat(events(declined)).isEqualTo(before);

        String stranger = tokens.issue("agent-" + other, Role.AGENT, other);
        assertThat(post("/api/delegations/" + declined + "/materials-handback", handback, stranger)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(events(declined)).isEqualTo(before);

        created("/api/delegations/" + declined + "/materials-handback", handback, agentToken);
        created("/api/delegations/" + declined + "/archive", archive, agentToken);
        assertThat(events(declined)).isEqualTo(before + 2);
    }
}

package cn.daiban.command.web;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.delegation.ApplicantCommitments;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
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
 * The printed acceptance form (受理单, `002 表A.2`) over HTTP against PostgreSQL: names rather than ids for 受理人,
 * 办理人 and 队长签字, 申请时间 apart from 受理时间, 受理情况, the six 注意事项 word for word with the signed version, and the
 * client's resident ID and phone in full only on the logged personal-data path (`002 廉洁服务`).
 */
class AcceptanceFormIT extends PostgresIntegrationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger(300);
    private static final String RESIDENT_ID = "11010519491231002X";
    private static final String PHONE = "13912345678";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;

    ResponseEntity<String> send(HttpMethod method, String path, String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    String created(String path, String body, String token) throws Exception {
        ResponseEntity<String> response = send(HttpMethod.POST, path, body, token);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isIn(200, 201);
        return json.readTree(response.getBody()).path("id").asText();
    }

    String agent(String station, String manager, String name, String role) throws Exception {
        String id = created("/api/agents", """
                {"stationCode":"%s","name":"%s","phone":"13700001111","background":"PARTY_MEMBER","role":"%s",
                 "intakeExperienceSince":"%s"}""".formatted(station, name, role, LocalDate.now().minusYears(2)),
                manager);
        created("/api/agents/" + id + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(LocalDate.now()), manager);
        created("/api/agents/" + id + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(LocalDate.now()), manager);
        return id;
    }

    long documentReads(String delegation) {
        return jdbc.queryForObject("select count(*) from command_side.personal_data_access where subject_id = ?"
                + " and purpose = 'document:acceptance-form'", Long.class, delegation);
    }

    /**
     * 002 表A.2 and 003 三(五): after a reassignment the form still names the first receiver as 受理人 and the new
     * agent as 办理人, the team leader by name, both times, 受理情况 and the six commitments; 002 廉洁服务: the
     * station's agent reads the client in full (logged), a supervisor over the station reads them masked (not a
     * full read, so not logged).
     */
    @Test
    void acceptanceForm_002_A2_printsNamesTimesCommitmentsAndMasksForASupervisor() throws Exception {
        String admin = tokens.issue("admin-form", Role.ADMINISTRATOR, null);
        String county = "1405" + (21000 + SERIAL.incrementAndGet());
        created("/api/stations", """
                {"stationCode":"%s","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "address":"沁水县龙港镇","manager":{"name":"张伟","phone":"13812345678"},
                 "supervisionPhone":"0356-7022345",
                 "windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],"serviceItemCodes":["RS-001"]}
                """.formatted(county), admin);
        created("/api/stations/" + county + "/opening/approval", "{}", admin);
        String manager = tokens.issue("manager-" + county, Role.STATION_MANAGER, county);
        String agentToken = tokens.issue("agent-" + county, Role.AGENT, county);
        String first = agent(county, manager, "赵红", "AGENT");
        String second = agent(county, manager, "孙明", "AGENT");
        String leader = agent(county, manager, "钱队长", "ZONE_LEAD");
        String delegation = created("/api/delegations", """
                {"kind":"PROXY","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","residentId":"%s","phone":"%s"},"consentGiven":true,
                 "needsAnalysis":{"difficulty":"LOW","estimatedWorkingDays":3,"steps":["核对材料"],"confirmedByClient":true},
                 "teamLeaderId":"%s","applicantSigned":true,"appliedAt":"2026-01-05T01:30:00Z"}"""
                .formatted(county, first, RESIDENT_ID, PHONE, leader), agentToken);
        created("/api/delegations/" + delegation + "/reassignment", """
                {"newAgentId":"%s","reason":"原代办员病假","clientInformed":true}""".formatted(second), agentToken);

        String path = "/api/delegations/" + delegation + "/documents/acceptance-form";
        ResponseEntity<String> staff = send(HttpMethod.GET, path, null, agentToken);
        assertThat(staff.getStatusCode().value()).isEqualTo(200);
        String form = staff.getBody();
        assertThat(form).contains("<th>受理人</th><td>赵红</td>").contains("<th>办理人</th><td>孙明</td>")
                .contains("<th>队长签字</th><td>钱队长</td>")
                .contains("<th>申请时间</th><td>2026年1月5日 09:30</td>").contains("<th>受理时间</th>")
                .contains("<th>受理情况</th><td>资料预审符合条件，予以受理。</td>")
                .doesNotContain(first).doesNotContain(second).doesNotContain(leader)
                .contains(RESIDENT_ID).contains(PHONE)
                .contains(ApplicantCommitments.CURRENT);
        for (String commitment : ApplicantCommitments.printed("0356-7022345")) {
            assertThat(form).contains(commitment);
        }
        assertThat(documentReads(delegation)).isEqualTo(1);

        String supervisor = tokens.issue("supervisor-" + county, Role.SUPERVISOR, county);
        ResponseEntity<String> masked = send(HttpMethod.GET, path, null, supervisor);
        assertThat(masked.getStatusCode().value()).isEqualTo(200);
        assertThat(masked.getBody()).doesNotContain(RESIDENT_ID).doesNotContain(PHONE)
                .contains("1101**********002X").contains("139****5678").contains("王秀英");
        assertThat(documentReads(delegation)).isEqualTo(1);
    }
}

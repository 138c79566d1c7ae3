package cn.daiban.query.replay;

import cn.daiban.query.infrastructure.TokenClaims;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.Rebuilds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild stops this node's processor only, so it is refused (409) while another node holds a live claim on a
 * segment of its group, and runs once that claim has gone stale (its node stopped without releasing it). The other
 * node is a claim written into the token table under another owner, as a second query-side process writes it.
 */
class RebuildProcessedElsewhereIT extends PostgresIntegrationTest {

    static final String GROUP = "complaints";
    static final String OTHER = "4242@another-query-node";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    TokenClaims claims;
    @Autowired
    EventProcessingConfiguration processing;

    ResponseEntity<String> post(String group) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/admin/rebuilds/" + group, new HttpEntity<>("", headers), String.class);
    }

    void claimSegmentOneFor(String owner, Instant at) {
        assertThat(jdbc.update("update token_entry set owner = ?, time_stamp = ? where processor_name = ? and segment = 1",
                owner, at.toString(), GROUP)).isEqualTo(1);
    }

    /** When the group's last rebuild on this node started, or "none". */
    String lastRebuildStarted() throws Exception {
        ResponseEntity<String> status = http.getForEntity("/api/admin/rebuilds/" + GROUP, String.class);
        return status.getStatusCode().value() == 404 ? "none"
                : json.readTree(status.getBody()).get("startedAt").asText();
    }

    @Test
    void aRebuildIsRefusedWhileAnotherNodeProcessesTheGroupAndRunsOnceItsClaimIsStale() throws Exception {
        StreamingEventProcessor processor = processing.eventProcessor(GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.processingStatus().size() == 2);
        // This node's own claims never block it.
        assertThat(jdbc.queryForList("select distinct owner from token_entry where processor_name = ?", String.class,
                GROUP)).containsExactly(claims.nodeId());

        String before = lastRebuildStarted();
        claimSegmentOneFor(OTHER, Instant.now());
        for (String group : new String[]{GROUP, "all"}) {
            ResponseEntity<String> refused = post(group);
            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(refused.getBody());
            assertThat(problem.get("rule").asText()).isEqualTo("rebuild-processed-elsewhere");
            assertThat(problem.get("detail").asText()).contains(GROUP + " segment 1 by " + OTHER);
        }
        // Nothing was started (the last rebuild of the group, if other tests ran one, is still the last), and this
        // node's processor runs on.
        assertThat(lastRebuildStarted()).isEqualTo(before);
        assertThat(processor.isRunning()).isTrue();

        // The other node stopped without releasing its claim: once older than the claim timeout it blocks nothing,
        // and the switch-over takes it over. This node's processor is stopped first, so it cannot take the segment
        // back itself before the switch does (the rebuild starts it again).
        processor.shutDown();
        claimSegmentOneFor(OTHER, Instant.now().minus(claims.timeout()).minusSeconds(5));
        assertThat(jdbc.queryForObject("select owner from token_entry where processor_name = ? and segment = 1",
                String.class, GROUP)).isEqualTo(OTHER);
        JsonNode rebuilt = Rebuilds.rebuild(http, json, GROUP, Duration.ofSeconds(60));
        assertThat(rebuilt.get("state").asText()).as(rebuilt.toString()).isEqualTo("SWITCHED");
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.processingStatus().size() == 2);
    }
}

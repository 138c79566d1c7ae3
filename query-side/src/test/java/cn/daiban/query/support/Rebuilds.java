package cn.daiban.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuild asked for over the admin API, as an administrator does. */
public final class Rebuilds {

    private Rebuilds() {
    }

    /** Starts a rebuild of {@code group} and waits until it is over (this one, not an earlier one): its final progress. */
    public static JsonNode rebuild(TestRestTemplate http, ObjectMapper json, String group, Duration atMost)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        JsonNode started = json.readTree(http.postForEntity("/api/admin/rebuilds/" + group,
                new HttpEntity<>("", headers), String.class).getBody());
        await().atMost(atMost).untilAsserted(() -> {
            JsonNode status = progress(http, json, group);
            assertThat(status.get("startedAt").asText()).isEqualTo(started.get("startedAt").asText());
            assertThat(status.get("state").asText()).isIn("SWITCHED", "FAILED");
        });
        return progress(http, json, group);
    }

    private static JsonNode progress(TestRestTemplate http, ObjectMapper json, String group) throws Exception {
        return json.readTree(http.getForEntity("/api/admin/rebuilds/" + group, String.class).getBody());
    }
}

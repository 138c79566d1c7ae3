package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both applications against one PostgreSQL: a command's events reach the query side's views and its audit. */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(2)
class StationsEndToEndIT {

    @Test
    void openedStationShowsInTheDirectoryAndItsHistoryIsIntact() {
        String code = CountyCodes.next();
        Http admin = Http.as("admin-01", null);
        admin.post(Backend.commandSide() + "/api/stations", Map.of(
                "stationCode", code, "name", "沁水县政务服务中心", "level", "COUNTY_CENTRE", "region", code.substring(0, 6),
                "address", "沁水县龙港镇", "manager", Map.of("name", "张伟", "phone", "13812345678"),
                "supervisionPhone", "0356-7022345")).expect(201);
        admin.post(Backend.commandSide() + "/api/stations/" + code + "/opening/approval", Map.of()).expect(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(Http.admin().get(Backend.querySide() + "/api/stations/" + code).body()).contains("\"OPEN\""));

        JsonNode history = Http.admin().get(Backend.querySide() + "/api/audit/streams/" + code).expect(200).json();
        assertThat(history.get("entries")).hasSize(2);
        assertThat(history.get("entries").get(0).get("eventType").asText()).isEqualTo("StationOpeningRequestedEvent");
        assertThat(history.get("entries").get(1).get("actorId").asText()).isEqualTo("admin-01");
        JsonNode verification = Http.admin().get(Backend.querySide() + "/api/audit/verification?aggregateId=" + code)
                .expect(200).json();
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(history.get("entries").get(1).get("eventHash").asText()).hasSize(64);

        // The whole store, on whichever engine holds it: read through the event store, chained, digested.
        JsonNode store = Http.admin().get(Backend.querySide() + "/api/audit/verification").expect(200).json();
        assertThat(store.get("intact").asBoolean()).isTrue();
        assertThat(store.get("streams").asLong()).isPositive();
        JsonNode digest = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(
                () -> Http.admin().get(Backend.querySide() + "/api/audit/digest").expect(200).json(),
                taken -> taken.get("events").asLong() > 0);
        JsonNode check = Http.admin().post(Backend.querySide() + "/api/audit/digest/check", Map.of(
                "upToGlobalIndex", digest.get("upToGlobalIndex").asLong(), "digest", digest.get("digest").asText()))
                .expect(200).json();
        assertThat(check.get("matches").asBoolean()).isTrue();
    }
}

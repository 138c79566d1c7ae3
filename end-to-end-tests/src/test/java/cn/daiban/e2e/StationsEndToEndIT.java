package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/** Both applications against one PostgreSQL: a command's events reach the query side's views and its audit. */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(2)
class StationsEndToEndIT {

    private static final AtomicInteger SERIAL = new AtomicInteger(300);

    @Test
    void openedStationShowsInTheDirectoryWithinASecondAndItsHistoryIsIntact() {
        String code = "1405" + (23000 + SERIAL.incrementAndGet());
        Http admin = Http.as("admin-01", null);
        admin.post(Backend.commandSide() + "/api/stations", Map.of(
                "stationCode", code, "name", "沁水县政务服务中心", "level", "COUNTY_CENTRE", "region", "140521",
                "address", "沁水县龙港镇", "manager", Map.of("name", "张伟", "phone", "13812345678"),
                "supervisionPhone", "0356-7022345")).expect(201);
        admin.post(Backend.commandSide() + "/api/stations/" + code + "/opening/approval", Map.of()).expect(200);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(Http.admin().get(Backend.querySide() + "/api/stations/" + code).body()).contains("\"OPEN\""));

        // until the engine-neutral audit lands
        assumeTrue(Backend.engine() == Backend.Engine.JDBC,
                "the audit reads the JDBC event table; on Axon Server it answers empty until the engine-neutral audit");
        JsonNode history = Http.admin().get(Backend.querySide() + "/api/audit/streams/" + code).expect(200).json();
        assertThat(history.get("entries")).hasSize(2);
        assertThat(history.get("entries").get(0).get("eventType").asText()).isEqualTo("StationOpeningRequestedEvent");
        assertThat(history.get("entries").get(1).get("actorId").asText()).isEqualTo("admin-01");
        JsonNode verification = Http.admin().get(Backend.querySide() + "/api/audit/verification?aggregateId=" + code)
                .expect(200).json();
        assertThat(verification.get("intact").asBoolean()).isTrue();
    }
}

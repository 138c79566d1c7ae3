package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DeliveryMethod;
import cn.daiban.kernel.delegation.ResultDeliveredEvent;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Results reach the client in time (004 §6.3.3.3 及时送达, 000 §6.4 办结后及时反馈), on a real PostgreSQL: the dashboard
 * counts the matters completed and not delivered, and a matter completed longer ago than
 * daiban.delivery.within-working-days (3) and still not delivered is a yellow flag for supervision and on the
 * dashboard (rule result-delivered-promptly), whether it succeeded or failed; one completed today is counted, not
 * flagged; once delivered it is neither.
 */
class ResultDeliveryIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1539, plus a random run number so reruns on one database never meet. */
    static final String C = "1539" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    static final AgentId AGENT = AgentId.of("dddddddd-1539-4c3b-9a57-0d5f1e2a3b4c");
    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", null, null, PhoneNumber.of("13912345678"), null);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final Map<String, Long> sequences = new java.util.HashMap<>();

    void append(String type, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, AGENT.value(), MetadataKeys.STATION_CODE, C), UUID.randomUUID().toString(),
                at));
    }

    /** A matter commissioned at {@code at} and completed then, successfully or not. */
    DelegationId completed(Instant at, boolean successful) {
        DelegationId id = DelegationId.create();
        LocalDate day = ServiceClock.defaults().dayOf(at);
        append("Delegation", id.value(), new DelegationCommissionedEvent(id, DelegationKind.ASSIST, ServiceMode.ON_SITE,
                StationCode.of(C), "W1", AGENT, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.COUNTY_CENTRE), List.of(), CLIENT, null, null, List.of(), List.of(), null, true,
                List.of(), "0356-7022345", false, false, day, 60, day.plusDays(90), null, null), at);
        append("Delegation", id.value(), new DelegationCompletedEvent(id, successful, successful ? "证书 001" : null,
                successful ? null : "材料不符合要求", day, day.plusDays(90), true, 0), at);
        return id;
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    static List<String> ids(JsonNode flags, String rule) {
        List<String> ids = new ArrayList<>();
        flags.forEach(flag -> {
            if (rule == null || rule.equals(flag.path("rule").asText())) {
                ids.add(flag.get("delegationId").asText());
            }
        });
        return ids;
    }

    @Test
    void aResultNotDeliveredWithinThreeWorkingDaysOfCompletionIsFlaggedUntilItIsDelivered() throws Exception {
        Instant now = Instant.now();
        Instant weeksAgo = now.minus(20, ChronoUnit.DAYS);
        append("Station", C, new StationOpeningRequestedEvent(StationCode.of(C), "县政务服务中心 " + C,
                StationLevel.COUNTY_CENTRE, null, null, RegionCode.of("142200"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"),
                List.of(new StationWindow("W1", "综合窗口", StationWindow.Kind.WINDOW, null)), Set.of()),
                now.minus(30, ChronoUnit.DAYS));
        append("Station", C, new StationOpeningApprovedEvent(StationCode.of(C), null, null), now.minus(30, ChronoUnit.DAYS));
        DelegationId waiting = completed(weeksAgo, true);
        DelegationId failed = completed(weeksAgo, false);
        DelegationId fresh = completed(now, true);
        DelegationId delivered = completed(weeksAgo, true);
        LocalDate today = ServiceClock.defaults().dayOf(now);
        append("Delegation", delivered.value(), new ResultDeliveredEvent(delivered, DeliveryMethod.IN_PERSON, null,
                "签收单", true, false, today, today), now);

        String flags = "/api/supervision/flags?station=" + C;
        String dashboard = "/api/stations/" + C + "/dashboard";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ids(get(flags).get("flags"), AwaitingDelivery.RULE))
                    .containsExactlyInAnyOrder(waiting.value(), failed.value());
            JsonNode board = get(dashboard);
            assertThat(board.path("awaitingDelivery").asLong()).as("completed, not delivered").isEqualTo(3);
            assertThat(ids(board.get("lateDeliveries"), null)).containsExactlyInAnyOrder(waiting.value(),
                    failed.value());
            assertThat(ids(board.get("atRisk"), null)).doesNotContain(waiting.value(), failed.value());
        });
        for (JsonNode flag : get(flags).get("flags")) {
            if (flag.path("delegationId").asText().equals(failed.value())) {
                assertThat(flag.get("colour").asText()).isEqualTo("YELLOW");
                assertThat(flag.get("reason").asText()).startsWith("办结后结果未送达").contains("未办成");
            }
        }

        append("Delegation", waiting.value(), new ResultDeliveredEvent(waiting, DeliveryMethod.POST, "SF1234567890",
                null, true, true, today, today), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ids(get(flags).get("flags"), AwaitingDelivery.RULE)).containsExactly(failed.value());
            assertThat(get(dashboard).path("awaitingDelivery").asLong()).isEqualTo(2);
        });
    }
}

package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentReactivatedEvent;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.AgentReassignedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 002 一对一服务 (代办员是第一责任人): an open matter whose responsible agent was deactivated is a yellow flag on
 * supervision's list (rule responsible-agent-active) until the matter is given to another agent or the agent is back;
 * a matter of that agent already completed is not flagged, nor one reassigned before.
 */
class ResponsibleAgentIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1541, plus a random run number so reruns on one database never meet. */
    static final String C = "1541" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    /** A fresh agent per run, so an earlier run's deactivation on a shared database changes nothing here. */
    static final AgentId AGENT = AgentId.of(UUID.randomUUID().toString());
    static final AgentId SUCCESSOR = AgentId.of(UUID.randomUUID().toString());
    static final StationEvents events = new StationEvents(C, AGENT);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    void append(String type, String aggregateId, Object payload, Instant at) {
        events.append(eventStore, type, aggregateId, payload, at);
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    static List<String> ids(JsonNode flags) {
        return StationEvents.flagged(flags, ResponsibleAgents.RULE);
    }

    @Test
    void anOpenMatterOfADeactivatedAgentIsFlaggedUntilItIsGivenToAnotherAgent() throws Exception {
        Instant now = Instant.now();
        Instant before = now.minus(10, ChronoUnit.DAYS);
        events.opened(eventStore, StationLevel.COUNTY_CENTRE, null, now.minus(30, ChronoUnit.DAYS));
        for (AgentId agent : List.of(AGENT, SUCCESSOR)) {
            append("Agent", agent.value(), new AgentRegisteredEvent(agent, StationCode.of(C), "代办员" + agent.value()
                    .substring(0, 4), PhoneNumber.of("13700001111"), AgentBackground.PARTY_MEMBER, AgentRole.AGENT,
                    LocalDate.of(2024, 6, 1)), before);
        }
        DelegationId open = events.commissioned(eventStore, DelegationKind.PROXY, before);
        DelegationId reassigned = events.commissioned(eventStore, DelegationKind.PROXY, before);
        DelegationId completed = events.commissioned(eventStore, DelegationKind.ASSIST, before);
        LocalDate day = ServiceClock.defaults().dayOf(before);
        append("Delegation", completed.value(), new DelegationCompletedEvent(completed, true, "证书 001", null, day,
                day.plusDays(90), true, 0), before);
        append("Delegation", reassigned.value(), new AgentReassignedEvent(reassigned, AGENT, SUCCESSOR, "代办员调岗"),
                before);
        String flags = "/api/supervision/flags?station=" + C;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/delegations/" + reassigned.value()).path("agentId").asText())
                        .isEqualTo(SUCCESSOR.value()));
        assertThat(ids(get(flags).get("flags"))).as("the agent is active").isEmpty();

        append("Agent", AGENT.value(), new AgentDeactivatedEvent(AGENT, "离职"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(get(flags).get("flags"))).containsExactly(open.value()));
        for (JsonNode flag : get(flags).get("flags")) {
            if (ResponsibleAgents.RULE.equals(flag.path("rule").asText())) {
                assertThat(flag.get("colour").asText()).isEqualTo("YELLOW");
                assertThat(flag.get("agentId").asText()).isEqualTo(AGENT.value());
                assertThat(flag.get("reason").asText()).startsWith("第一责任人已停用");
            }
        }
        assertThat(ids(get(flags + "&colour=RED").get("flags"))).isEmpty();

        append("Delegation", open.value(), new AgentReassignedEvent(open, AGENT, SUCCESSOR, "原代办员离职"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(get(flags).get("flags"))).isEmpty());
        // Given back to the deactivated agent: flagged again; the agent back at work: not.
        append("Delegation", open.value(), new AgentReassignedEvent(open, SUCCESSOR, AGENT, "误操作"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(get(flags).get("flags"))).containsExactly(open.value()));
        append("Agent", AGENT.value(), new AgentReactivatedEvent(AGENT, "返岗"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(get(flags).get("flags"))).as("back at work").isEmpty());
    }
}

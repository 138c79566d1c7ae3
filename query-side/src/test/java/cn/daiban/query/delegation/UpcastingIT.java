package cn.daiban.query.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stored event of an old shape (ProgressReportedEvent revision 1) replays into the current projections. */
class UpcastingIT extends PostgresIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Test
    void revisionOneProgressReportIsUpcastIntoTheDelegationDetail() throws Exception {
        DelegationId id = DelegationId.create();
        StationCode station = StationCode.of("1488" + (int) (Math.random() * 900000 + 100000));
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 0,
                TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 11, 9)),
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1")));
        // Written as the first release stored it: revision 1, the channel as free text.
        jdbc.update("""
                        insert into command_side.domain_event_entry (event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, 1, 'Delegation', ?, 'cn.daiban.kernel.delegation.ProgressReportedEvent', '1', ?, ?)""",
                UUID.randomUUID().toString(), id.value(), DateTimeUtils.formatInstant(Instant.now()),
                ("{\"delegationId\":\"" + id + "\",\"note\":\"材料已报县局\",\"channel\":\"电话告知\"}")
                        .getBytes(StandardCharsets.UTF_8),
                "{\"actorId\":\"agent-1\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode detail = json.readTree(http.getForEntity("/api/delegations/" + id, String.class).getBody());
            assertThat(detail.get("steps")).hasSize(2);
            assertThat(detail.get("details").get("progress:1").get("channel").asText()).isEqualTo("PHONE");
            assertThat(detail.get("details").get("progress:1").get("channelNote").asText()).isEqualTo("电话告知");
        });
    }
}

package cn.daiban.query.delegation;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ProgressChannel;
import cn.daiban.kernel.delegation.ProgressReportedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A value the event does not have stays absent in the views: never the text "null". */
class EmptyValuesIT extends PostgresIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Test
    void aProgressReportWithoutAChannelNoteAndAMatterWithoutAConsultationShowNoNullText() {
        DelegationId id = DelegationId.create();
        StationCode station = StationCode.of("1487" + (int) (Math.random() * 900000 + 100000));
        // Commissioned without a preceding consultation (consultationId null) ...
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 0,
                TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 11, 9)), MetaData.with(MetadataKeys.ACTOR_ID, "agent-1")));
        // ... and a progress report by phone without a note on the channel.
        eventStore.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 1,
                new ProgressReportedEvent(id, "材料已报县局", ProgressChannel.PHONE, null),
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String body = http.getForEntity("/api/delegations/" + id, String.class).getBody();
            JsonNode detail = json.readTree(body);
            JsonNode progress = detail.path("details").path("progress:1");
            assertThat(progress.isObject()).as(body).isTrue();
            assertThat(progress.get("channel").asText()).isEqualTo("PHONE");
            assertThat(progress.has("channelNote")).isFalse();
            assertThat(body).doesNotContain("\"null\"");
        });
    }
}

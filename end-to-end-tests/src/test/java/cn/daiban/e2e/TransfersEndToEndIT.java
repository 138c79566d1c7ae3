package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transfer between zones (003 三(五)) on whichever engine the run uses: it waits for its receiver, who may return it
 * as not within its duties (not its sender, who may take it back instead); a transfer is accepted only while one waits (409 naming the
 * rule, which on Axon Server crosses the wire in the refusal's details); and the query side shows where the matter
 * is, whether a transfer waits, and what ended each one; a matter refused twice is flagged for supervision.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(10)
class TransfersEndToEndIT {

    @Test
    void aTransferIsRefusedByItsReceiverTwiceWithdrawnByItsSenderAndThenAccepted() {
        Scenario s = Scenario.hierarchy(List.of("RS-001"), List.of(
                Map.of("code", "W1", "name", "综合窗口", "kind", "WINDOW"),
                Map.of("code", "W2", "name", "代办窗口", "kind", "WINDOW")));
        String agent = s.qualifiedAgent("钱芳", "AGENT");
        Http staff = Http.as(agent, s.village);
        Map<String, Object> body = s.assist(agent, "RS-001", "赵大妈", "13912345678");
        body.put("window", "W1");
        String id = staff.post(command("/api/delegations"), body).expect(201).json().get("id").asText();
        String matter = "/api/delegations/" + id;

        staff.post(command(matter + "/transfer"), Map.of("toWindow", "W2", "reason", "转代办窗口")).expect(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.admin().get(query(matter))
                .expect(200).json().path("pendingTransfer").path("toWindow").asText()).isEqualTo("W2"));

        // The receiver returns it; a reason is required (400 naming it), the sender may not (422 naming the rule),
        // and then nothing is left to accept (409).
        Http receiver = Http.as("receiver-01", s.village);
        JsonNode noReason = receiver.post(command(matter + "/transfer/refusal"), Map.of("reason", " ")).expect(400)
                .json();
        assertThat(noReason.get("field").asText()).isEqualTo("reason");
        JsonNode bySender = staff.post(command(matter + "/transfer/refusal"), Map.of("reason", "不属本分区职责"))
                .expect(422).json();
        assertThat(bySender.get("rule").asText()).isEqualTo("transfer-refused-by-receiver");
        receiver.post(command(matter + "/transfer/refusal"), Map.of("reason", "不属代办窗口职责")).expect(200);
        JsonNode nothing = staff.post(command(matter + "/transfer/acceptance"), Map.of("helperAgentId", agent))
                .expect(409).json();
        assertThat(nothing.get("rule").asText()).isEqualTo("transfer-awaiting-acceptance");

        // Sent again and refused again: passed back and forth, so flagged for supervision (严禁推诿扯皮).
        staff.post(command(matter + "/transfer"), Map.of("toWindow", "W2", "reason", "仍转代办窗口")).expect(200);
        receiver.post(command(matter + "/transfer/refusal"), Map.of("reason", "仍不属代办窗口职责")).expect(200);
        String flags = query("/api/supervision/flags?station=" + s.village);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> refusedTwice = new ArrayList<>();
            Http.admin().get(flags).expect(200).json().get("flags").forEach(flag -> {
                if ("transfer-refused-at-most-once".equals(flag.path("rule").asText())) {
                    refusedTwice.add(flag.get("delegationId").asText());
                }
            });
            assertThat(refusedTwice).containsExactly(id);
        });

        // Sent again, taken back by the sender, sent again, accepted.
        staff.post(command(matter + "/transfer"), Map.of("toWindow", "W2", "reason", "再次转办")).expect(200);
        staff.post(command(matter + "/transfer/withdrawal"), Map.of("reason", "材料未齐")).expect(200);
        staff.post(command(matter + "/transfer"), Map.of("toWindow", "W2", "reason", "材料已齐")).expect(200);
        staff.post(command(matter + "/transfer/acceptance"), Map.of("helperAgentId", agent, "note", "已接收"))
                .expect(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = Http.admin().get(query(matter)).expect(200).json();
            assertThat(view.path("window").asText()).isEqualTo("W2");
            assertThat(view.hasNonNull("pendingTransfer")).isFalse();
            List<String> ended = new ArrayList<>();
            view.get("details").fieldNames().forEachRemaining(key -> {
                if (key.startsWith("transfer")) {
                    ended.add(key.substring(0, key.indexOf(':')));
                }
            });
            assertThat(ended).containsExactlyInAnyOrder("transfer-refused", "transfer-refused", "transfer-withdrawn",
                    "transfer");
            List<String> summaries = new ArrayList<>();
            view.get("steps").forEach(step -> summaries.add(step.get("summary").asText()));
            assertThat(summaries).contains("退回转办：不属代办窗口职责", "撤回转办：材料未齐");
            JsonNode refusal = null;
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) view.get("details")::fields) {
                refusal = entry.getKey().startsWith("transfer-refused:") ? entry.getValue() : refusal;
            }
            assertThat(refusal).as("the refusal in %s", view.get("details")).isNotNull();
            assertThat(refusal.path("by").asText()).isEqualTo("receiver-01");
            assertThat(refusal.path("requestedAt").asText()).isNotBlank();
        });
    }
}

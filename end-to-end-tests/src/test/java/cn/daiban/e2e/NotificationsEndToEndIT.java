package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A booking served as a delegation, and a complaint, over HTTP; the client notifications they produce are found in
 * the outbox exactly once each and delivered exactly once — with the query side killed (SIGKILL) in the middle of
 * sending and started again.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(9)
class NotificationsEndToEndIT {

    static final String PENSION = "RS-001";
    static final String PHONE = "13912345678";

    static String command(String path) {
        return Scenario.command(path);
    }

    static String query(String path) {
        return Scenario.query(path);
    }

    static JsonNode notifications(String subject) {
        return Http.admin().get(query("/api/notifications/" + subject)).expect(200).json().get("notifications");
    }

    static List<JsonNode> all(String... subjects) {
        List<JsonNode> all = new ArrayList<>();
        for (String subject : subjects) {
            notifications(subject).forEach(all::add);
        }
        return all;
    }

    static long withStatus(List<JsonNode> notifications, String status) {
        return notifications.stream().filter(n -> n.get("status").asText().equals(status)).count();
    }

    @Test
    void aBookingServedAsADelegationAndAComplaintNotifyTheClientOnceEachAcrossACrash() throws Exception {
        // Sending slowed to one notification every ten seconds, so the crash below lands in the middle of it: the
        // seven sendable take a minute, more than the commands after the first of them take on a loaded machine.
        Backend.restartQuerySide(false, "--daiban.notifications.batch-size=1",
                "--daiban.notifications.poll-interval=10s");

        Scenario scenario = Scenario.hierarchy(List.of(PENSION));
        String village = scenario.village;
        String agent = scenario.qualifiedAgent("周芳", "AGENT");
        Http staff = Http.as(agent, village, "AGENT");
        Http client = Http.as("client-online", village);

        // The station publishes its slots; the client books one a few working days ahead.
        Http.as("manager-01", village).post(command("/api/stations/" + village + "/booking-schedule"), Map.of("windows", List.of(
                Map.of("from", "09:00", "to", "12:00", "slotMinutes", 30, "capacity", 2, "extendedHours", false)),
                "homeVisits", false)).expect(200);
        String booking = null;
        for (LocalDate day = Scenario.TODAY.plusDays(3); booking == null; day = day.plusDays(1)) {
            Http.Answer booked = client.post(command("/api/appointments"), Map.of("stationCode", village,
                    "itemCode", PENSION, "date", day.toString(), "slotStart", "09:00", "kind", "REGULAR",
                    "channel", "ONLINE", "clientName", "王秀英", "phone", PHONE));
            if (booked.status() == 201) {
                booking = booked.json().get("id").asText();
            } else {
                assertThat(booked.status()).as(booked.body()).isEqualTo(422);
                assertThat(day).isBefore(Scenario.TODAY.plusDays(30));
            }
        }

        // The client comes early; the booking turns into a proxy delegation that keeps the link.
        Map<String, Object> commission = new HashMap<>();
        commission.put("kind", "PROXY");
        commission.put("mode", "ON_SITE");
        commission.put("stationCode", village);
        commission.put("agentId", agent);
        commission.put("itemCode", PENSION);
        commission.put("client", Map.of("kind", "CITIZEN", "name", "王秀英", "residentId", "11010519491231002X",
                "phone", PHONE));
        commission.put("consentGiven", true);
        commission.put("needsAnalysis", Map.of("difficulty", "LOW", "estimatedWorkingDays", 1,
                "steps", List.of("核对材料", "系统录入"), "confirmedByClient", true));
        commission.put("applicantSigned", true);
        commission.put("teamLeaderId", scenario.qualifiedAgent("吴队长", "ZONE_LEAD"));
        String delegation = staff.post(command("/api/delegations"), commission).expect(201).json().get("id").asText();
        staff.post(command("/api/appointments/" + booking + "/service"), Map.of("outcome", "DELEGATION",
                "reference", delegation)).expect(200);
        String base = "/api/delegations/" + delegation;
        staff.post(command(base + "/supplement-requests"), Map.of("materials", List.of(
                Map.of("name", "户口簿", "howToObtain", "户籍所在地派出所")), "dueDate",
                Scenario.TODAY.plusDays(5).toString())).expect(200);
        staff.post(command(base + "/supplement-receipt"), Map.of()).expect(200);
        staff.post(command(base + "/completion"), Map.of("successful", true, "resultReference", "参保登记号 140521-0001"))
                .expect(200);
        staff.post(command(base + "/delivery"), Map.of("method", "POST", "trackingNumber", "EMS1234567890CN",
                "handoverProof", "邮政签收回执")).expect(200);

        // A complaint through the supervision phone, handled and answered.
        Http supervisor = Http.as("supervision-01", scenario.county, "SUPERVISOR");
        String complaint = supervisor.post(command("/api/complaints"), Map.of("stationCode", village,
                "agentId", agent, "delegationId", delegation, "channel", "SUPERVISION_PHONE",
                "complainantName", "王秀英", "contact", PHONE, "content", "补正材料说明不清楚")).expect(201).json()
                .get("id").asText();
        supervisor.post(command("/api/complaints/" + complaint + "/acceptance"), Map.of()).expect(200);
        supervisor.post(command("/api/complaints/" + complaint + "/investigation"), Map.of("findings", "告知单未写明开具单位"))
                .expect(200);
        supervisor.post(command("/api/complaints/" + complaint + "/handling"), Map.of("finding", "属实",
                "measures", "重新培训一次性告知")).expect(200);
        supervisor.post(command("/api/complaints/" + complaint + "/feedback"), Map.of("feedback",
                "经核查属实，已对代办员进行培训，感谢监督。")).expect(200);

        // Every notification is in the outbox; some are sent, some still wait: then the query side is killed.
        String[] subjects = {booking, delegation, complaint};
        await("all eight notifications in the outbox, sending under way").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    List<JsonNode> all = all(subjects);
                    assertThat(all).hasSize(8);
                    assertThat(withStatus(all, "SENT")).isPositive();
                });
        List<JsonNode> beforeCrash = all(subjects);
        assertThat(withStatus(beforeCrash, "PENDING")).as("still to send when the query side dies").isGreaterThan(1);
        Backend.restartQuerySide(true);

        await("everything sent after the restart").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(withStatus(all(subjects), "SENT")).isEqualTo(7));

        assertThat(notifications(booking).findValuesAsText("template"))
                .containsExactly("booking-confirmed", "booking-reminder");
        assertThat(notifications(booking).get(1).get("status").asText())
                .as("the day-before reminder of a booking served early").isEqualTo("CANCELLED");
        assertThat(notifications(delegation).findValuesAsText("template")).containsExactly("accepted",
                "supplement-requested", "completed", "delivered", "evaluation-invitation");
        assertThat(notifications(complaint).findValuesAsText("template")).containsExactly("complaint-outcome");

        JsonNode accepted = notifications(delegation).get(0);
        assertThat(accepted.get("text").asText()).contains("王秀英").contains("城乡居民养老保险")
                .contains(village + "-").contains("0356-7022345");
        assertThat(accepted.get("phone").asText()).isEqualTo("139****5678");
        assertThat(notifications(booking).get(0).get("text").asText()).contains("郑庄村便民服务站");
        assertThat(notifications(delegation).get(3).get("text").asText()).contains("EMS1234567890CN");
        assertThat(notifications(complaint).get(0).get("text").asText()).contains("已对代办员进行培训");

        // Exactly once: one successful attempt each, and one delivery line across both runs' logs (a line is
        // written once its delivery has committed, so it may follow the SENT status by a moment).
        await("one delivery line each").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> delivered = deliveryLines();
            for (JsonNode sent : all(subjects)) {
                if (!sent.get("status").asText().equals("SENT")) {
                    continue;
                }
                String id = sent.get("id").asText();
                assertThat(sent.get("attemptLog").findValuesAsText("outcome")).as(id).containsExactly("SENT");
                assertThat(delivered.stream().filter(line -> line.contains("notification " + id + " delivered")))
                        .as(id).hasSize(1);
            }
        });
        assertThat(String.join("\n", deliveryLines())).doesNotContain(PHONE);
    }

    private static List<String> deliveryLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.list(Backend.logs())) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("query-side")).toList()) {
                Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains(" delivered to ")).forEach(lines::add);
            }
        }
        return lines;
    }
}

package cn.daiban.query.notification;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.appointment.*;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.KeptPlans;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications are produced from events into the outbox once per event and template, and sent exactly once even
 * when a send fails, or the sending transaction dies after the delivery was written (as in a crash).
 */
// The one class whose context sends (the others' do not, PostgresIntegrationTest): what its scripted sender is given
// is all that is sent while it runs, its own notifications and those the earlier classes left due.
@TestPropertySource(properties = {"daiban.notifications.send=true", "daiban.notifications.first-backoff=100ms",
        "daiban.notifications.poll-interval=100ms"})
// Its own settings make its own application context: closed after the class, so its processors do not go on
// handling the stream beside the other tests' context under the same token owner (two copies of every projection,
// each parking the same events in the shared dead-letter queue).
@org.springframework.test.annotation.DirtiesContext
class NotificationsIT extends PostgresIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    ScriptedSender sender;

    /**
     * The sender of this class's context: the real (log) sender, unless a test gives it a script. Not a Mockito spy:
     * the dispatcher sends while a test runs (its own notifications and those earlier classes left due), and stubbing
     * a spy that another thread calls meanwhile lets that call take the stubbing (CI failed so, with an
     * UnfinishedStubbingException); a script is one volatile field, set at once.
     */
    static final class ScriptedSender implements NotificationSender {

        interface Script {
            void send(String notificationId, String phone, String text, NotificationSender real) throws Exception;
        }

        private final NotificationSender real;
        volatile Script script;
        /** Each notification's text as last given, by its id. */
        final java.util.Map<String, String> texts = new java.util.concurrent.ConcurrentHashMap<>();

        ScriptedSender(NotificationSender real) {
            this.real = real;
        }

        @Override
        public void send(String notificationId, String phone, String text) throws Exception {
            texts.put(notificationId, text);
            Script current = script;
            if (current == null) {
                real.send(notificationId, phone, text);
            } else {
                current.send(notificationId, phone, text, real);
            }
        }
    }

    @org.springframework.boot.test.context.TestConfiguration
    static class ScriptedSending {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        ScriptedSender scriptedSender(JdbcTemplate jdbc) {
            return new ScriptedSender(new LogNotificationSender(jdbc));
        }
    }

    @org.junit.jupiter.api.AfterEach
    void realSenderAgain() {
        sender.script = null;
    }

    static final StationCode STATION = StationCode.of("147700000101");
    static final PhoneNumber PHONE = TestEvents.CLIENT_PHONE;

    void append(String type, String id, long sequence, Object payload) {
        append(type, id, sequence, payload, Instant.now());
    }

    void append(String type, String id, long sequence, Object payload, Instant at) {
        append(type, id, sequence, payload, at, UUID.randomUUID().toString());
    }

    void append(String type, String id, long sequence, Object payload, Instant at, String eventIdentifier) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1"), eventIdentifier, at));
    }

    DelegationId commissioned() {
        return commissioned(Instant.now());
    }

    DelegationId commissioned(Instant at) {
        return commissioned(at, UUID.randomUUID().toString());
    }

    /** A notification's id is its event's identifier and its template: a test names the event to know its notices. */
    DelegationId commissioned(Instant at, String eventIdentifier) {
        DelegationId id = DelegationId.create();
        append("Delegation", id.value(), 0, TestEvents.commissioned(id, DelegationKind.PROXY, STATION,
                AcceptanceFormNumber.of(STATION, LocalDate.of(2026, 11, 24), 3), LocalDate.of(2026, 11, 24),
                LocalDate.of(2026, 12, 1)), at, eventIdentifier);
        return id;
    }

    JsonNode notifications(String subject) throws Exception {
        return json.readTree(http.getForEntity("/api/notifications/" + subject, String.class).getBody())
                .get("notifications");
    }

    /** An assist has no acceptance form (002 表A.2 is the proxy's): its client's notice prints no empty form number. */
    @Test
    void anAssistsClientIsToldItIsAcceptedWithoutAFormNumber() throws Exception {
        DelegationId id = DelegationId.create();
        append("Delegation", id.value(), 0, TestEvents.commissioned(id, DelegationKind.ASSIST, STATION, null,
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())
                .findValuesAsText("template")).containsExactly("accepted-assist"));
        assertThat(notifications(id.value()).get(0).get("text").asText()).contains("王秀英").contains("全程帮办")
                .contains("2026-12-01").doesNotContain("受理单编号");
    }

    /**
     * 容缺 (000 §7.2.1 d): a material accepted as tolerated and past the day the client committed to is followed up
     * like a supplement: the client is reminded, the material and the day named.
     */
    @Test
    void aClientWhoseToleratedMaterialIsOverdueIsReminded() throws Exception {
        DelegationId id = commissioned();
        append("Delegation", id.value(), 1, new ToleratedMaterialOverdueEvent(id, "完税凭证",
                LocalDate.of(2026, 11, 27)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())
                .findValuesAsText("template")).containsExactlyInAnyOrder("accepted", "tolerated-overdue"));
        for (JsonNode sent : notifications(id.value())) {
            if (sent.get("template").asText().equals("tolerated-overdue")) {
                assertThat(sent.get("text").asText()).contains("王秀英").contains("完税凭证").contains("2026-11-27")
                        .contains("容缺").contains("逾期未补交将中止办理");
            }
        }
    }

    /**
     * 002 服务中止与续办 (超过续办期限的，视为服务终止): the matter ended by itself past its continuation deadline and the
     * client, last told it was suspended, is told it ended and to collect their materials; a withdrawal (the client's
     * own act) is not texted.
     */
    @Test
    void aClientWhoseMatterEndedPastItsContinuationDeadlineIsTold() throws Exception {
        DelegationId withdrawn = commissioned();
        append("Delegation", withdrawn.value(), 1, new DelegationTerminatedEvent(withdrawn,
                TerminationReason.CLIENT_WITHDREW, "不办了", LocalDate.of(2026, 11, 26)));
        DelegationId id = commissioned();
        append("Delegation", id.value(), 1, new DelegationSuspendedEvent(id, SuspensionReason.CLIENT_REQUEST, "外出务工",
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 25)));
        append("Delegation", id.value(), 2, new DelegationTerminatedEvent(id,
                TerminationReason.CONTINUATION_DEADLINE_PASSED, null, LocalDate.of(2026, 12, 26)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())
                .findValuesAsText("template")).containsExactlyInAnyOrder("accepted", "suspended", "terminated"));
        for (JsonNode sent : notifications(id.value())) {
            if (sent.get("template").asText().equals("terminated")) {
                assertThat(sent.get("text").asText()).contains("王秀英").contains("逾期未续办").contains("视为服务终止")
                        .contains("领回");
            }
        }
        // The withdrawal was appended before, and the outbox handles the stream in order (one segment): it is handled,
        // and told nothing new.
        assertThat(notifications(withdrawn.value()).findValuesAsText("template")).containsExactly("accepted");
    }

    /** An assist turned into a proxy: the client is told the acceptance form's number (002 表A.2), as named now. */
    @Test
    void aClientWhoseAssistBecameAProxyIsToldTheFormNumber() throws Exception {
        DelegationId id = DelegationId.create();
        append("Delegation", id.value(), 0, TestEvents.commissioned(id, DelegationKind.ASSIST, STATION, null,
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 1)));
        append("Delegation", id.value(), 1, new AssistConvertedToProxyEvent(id, new Client(ClientKind.CITIZEN,
                "王秀英", null, null, PhoneNumber.of("13912345678"), null), AcceptanceFormNumber.of(STATION,
                LocalDate.of(2026, 11, 25), 7), new NeedsAnalysis(Difficulty.MEDIUM, 3, List.of("代办"), true),
                AgentId.of("6a1f0c2e-3333-4c3b-9a57-0d5f1e2a3b4c"), true, List.of(), "0356-7022345"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())
                .findValuesAsText("template")).containsExactlyInAnyOrder("accepted-assist", "converted-to-proxy"));
        for (JsonNode sent : notifications(id.value())) {
            if (sent.get("template").asText().equals("converted-to-proxy")) {
                assertThat(sent.get("text").asText()).contains("王秀英").contains("转为代办")
                        .contains(AcceptanceFormNumber.of(STATION, LocalDate.of(2026, 11, 25), 7).value())
                        .contains("0356-7022345");
            }
        }
    }

    /** 留存待领: a result the client could not be handed is kept, and the client is told where to collect it. */
    @Test
    void aClientWhoseResultIsKeptForCollectionIsToldWhere() throws Exception {
        DelegationId id = commissioned();
        append("Delegation", id.value(), 1, new DelegationCompletedEvent(id, true, "参保号 10", null,
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 1), true, 2));
        append("Delegation", id.value(), 2, new ResultHeldForCollectionEvent(id, List.of(new DeliveryAttempt(
                Instant.parse("2026-11-27T02:00:00Z"), ProgressChannel.PHONE, "无人接听")), "县政务服务中心帮办代办专区",
                LocalDate.of(2026, 11, 27)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())
                .findValuesAsText("template")).containsExactlyInAnyOrder("accepted", "completed", "result-held"));
        for (JsonNode sent : notifications(id.value())) {
            if (sent.get("template").asText().equals("result-held")) {
                assertThat(sent.get("text").asText()).contains("王秀英").contains("县政务服务中心帮办代办专区")
                        .contains("留存");
            }
        }
    }

    @Test
    void theMomentsTheStandardsNameAreNotifiedOnceEach() throws Exception {
        DelegationId id = commissioned();
        append("Delegation", id.value(), 1, new SupplementRequestedEvent(id, 1,
                List.of(new MissingMaterial("户口簿", "派出所")), LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 27),
                null, false));
        append("Delegation", id.value(), 2, new DelegationCompletedEvent(id, true, "参保号 9", null,
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 1), true, 2));
        append("Delegation", id.value(), 3, new ResultDeliveredEvent(id, DeliveryMethod.POST, "EMS9", "回执", false,
                true, LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode sent = notifications(id.value());
            assertThat(sent.findValuesAsText("template")).containsExactlyInAnyOrder("accepted", "supplement-requested",
                    "completed", "delivered", "evaluation-invitation");
            assertThat(sent.findValuesAsText("status")).containsOnly("SENT");
        });
        JsonNode accepted = notifications(id.value()).get(0);
        assertThat(accepted.get("text").asText()).contains("王秀英").contains(STATION + "-20261124-0003")
                .contains("2026-12-01");
        assertThat(accepted.get("phone").asText()).isEqualTo("139****5678");
        assertThat(jdbc.queryForObject("""
                select count(*) from notification_delivery d join notification_outbox o on o.id = d.notification_id
                where o.subject_id = ?""", Integer.class, id.value())).isEqualTo(5);
    }

    @Test
    void aStepTakenLongAgoIsKeptExpiredAndNeverSent() throws Exception {
        DelegationId old = commissioned(Instant.now().minus(Duration.ofDays(3)));
        DelegationId fresh = commissioned();
        // The old step's notification is a separate record: wait for its own state, not only for the fresh one.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(notifications(fresh.value()).findValuesAsText("status")).containsExactly("SENT");
            assertThat(notifications(old.value()).findValuesAsText("status")).containsExactly("EXPIRED");
        });
        assertThat(notifications(old.value()).get(0).get("attemptLog")).isEmpty();
    }

    @Test
    void aStationIsNamedByItsNameNotItsCode() throws Exception {
        StationCode station = StationCode.of("147700000102");
        append("Station", station.value(), 0, new StationOpeningRequestedEvent(station, "郑庄村便民服务站",
                StationLevel.VILLAGE_STATION, null, null, RegionCode.of("140521"), "郑庄村委会一层",
                new StationManager("张伟", PHONE), PHONE, List.of(), Set.of("RS-001")));
        AppointmentId id = AppointmentId.create();
        append("Appointment", id.value(), 0, new AppointmentBookedEvent(id, station, ServiceItemCode.of("RS-001"),
                LocalDate.now().plusDays(30), LocalTime.of(9, 0), LocalTime.of(9, 30), AppointmentKind.REGULAR,
                BookingChannel.PHONE, "李四", PHONE, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(id.value())).isNotEmpty());
        assertThat(notifications(id.value()).get(0).get("text").asText()).contains("在郑庄村便民服务站办理")
                .doesNotContain(station.value());
    }

    @Test
    void aFailedSendIsRetriedAndTheAttemptsAreKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String event = UUID.randomUUID().toString(); // the commissioning, whose acceptance notice this sender fails
        sender.script = (id, phone, text, real) -> {
            if (id.equals(event + ":accepted") && calls.getAndIncrement() == 0) {
                throw new IllegalStateException("gateway timed out");
            }
            real.send(id, phone, text);
        };
        DelegationId id = commissioned(Instant.now(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(notifications(id.value())).hasSize(1);
            assertThat(notifications(id.value()).get(0).get("status").asText()).isEqualTo("SENT");
        });
        JsonNode accepted = notifications(id.value()).get(0);
        assertThat(accepted.get("attempts").asInt()).isEqualTo(2);
        assertThat(accepted.get("attemptLog").findValuesAsText("outcome")).containsExactly("FAILED", "SENT");
        assertThat(accepted.get("attemptLog").get(0).get("error").asText()).isEqualTo("gateway timed out");
    }

    /** A sender failing without a message leaves a reason in words in the view, never the text "null". */
    @Test
    void aFailedSendWithoutAMessageShowsNoNullText() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String event = UUID.randomUUID().toString(); // the commissioning, whose acceptance notice this sender fails
        sender.script = (id, phone, text, real) -> {
            if (id.equals(event + ":accepted") && calls.getAndIncrement() == 0) {
                throw new IllegalStateException();
            }
            real.send(id, phone, text);
        };
        DelegationId id = commissioned(Instant.now(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(notifications(id.value()).findValuesAsText("status")).containsExactly("SENT"));
        JsonNode accepted = notifications(id.value()).get(0);
        assertThat(accepted.get("attemptLog").findValuesAsText("outcome")).containsExactly("FAILED", "SENT");
        String error = accepted.get("attemptLog").get(0).get("error").asText();
        assertThat(error).isNotBlank().isNotEqualTo("null").contains("without a message");
        assertThat(http.getForEntity("/api/notifications/" + id.value(), String.class).getBody())
                .doesNotContain("\"null\"");
        assertThat(jdbc.queryForObject("select count(*) from notification_attempt where error = 'null'",
                Integer.class)).isZero();
    }

    @Test
    void aSendingTransactionThatDiesAfterDeliveringDeliversOnceOnTheRetry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String event = UUID.randomUUID().toString(); // the commissioning, whose acceptance notice this sender fails
        sender.script = (id, phone, text, real) -> {
            real.send(id, phone, text);
            if (id.equals(event + ":accepted") && calls.getAndIncrement() == 0) {
                // The delivery row is written, then the transaction dies before it commits, as in a crash.
                throw new IllegalStateException("node stopped while sending");
            }
        };
        DelegationId id = commissioned(Instant.now(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(notifications(id.value())).hasSize(1);
            assertThat(notifications(id.value()).get(0).get("status").asText()).isEqualTo("SENT");
        });
        assertThat(jdbc.queryForObject("""
                select count(*) from notification_delivery d join notification_outbox o on o.id = d.notification_id
                where o.subject_id = ? and o.template = 'accepted'""", Integer.class, id.value())).isEqualTo(1);
    }

    /** A node stopping between the delivery and the commit: no failed attempt to record, the transaction is gone. */
    static final class NodeStopped extends Error {
        NodeStopped() {
            super("node stopped before the sending transaction committed");
        }
    }

    /**
     * A sending transaction rolled back after the sender delivered (a node killed before the commit) leaves the
     * notification due; the next attempt delivers it, and the log says "delivered" once: the line is written when a
     * delivery commits. It used to be written as the delivery was made, so a killed node's line and the next node's
     * both stood in the log (seen on Axon Server's end-to-end run).
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aSendingTransactionRolledBackAfterDeliveringIsLoggedOnceDelivered(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String event = UUID.randomUUID().toString(); // the commissioning, whose acceptance notice this sender fails
        sender.script = (id, phone, text, real) -> {
            real.send(id, phone, text);
            if (id.equals(event + ":accepted") && calls.getAndIncrement() == 0) {
                throw new NodeStopped();
            }
        };
        DelegationId id = commissioned(Instant.now(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(notifications(id.value())).hasSize(1);
            assertThat(notifications(id.value()).get(0).get("status").asText()).isEqualTo("SENT");
        });
        assertThat(calls.get()).as("sent twice: the rolled-back attempt and the next").isGreaterThanOrEqualTo(2);
        assertThat(notifications(id.value()).get(0).get("attemptLog").findValuesAsText("outcome"))
                .as("the rolled-back attempt left nothing").containsExactly("SENT");
        String notification = notifications(id.value()).get(0).get("id").asText();
        assertThat(jdbc.queryForObject("select count(*) from notification_delivery where notification_id = ?",
                Integer.class, notification)).isEqualTo(1);
        String line = "notification " + notification + " delivered to ";
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll()).contains(line));
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(line), -1)).as("delivery lines").hasSize(2);
    }

    @Test
    void aBookingIsConfirmedAndItsReminderWaitsForTheDayBeforeUnlessCancelled() throws Exception {
        AppointmentId id = AppointmentId.create();
        LocalDate later = LocalDate.now().plusDays(30);
        append("Appointment", id.value(), 0, new AppointmentBookedEvent(id, STATION, ServiceItemCode.of("RS-001"), later,
                LocalTime.of(9, 0), LocalTime.of(9, 30), AppointmentKind.REGULAR, BookingChannel.ONLINE, "李四", PHONE, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode sent = notifications(id.value());
            assertThat(sent).hasSize(2);
            assertThat(sent.get(0).get("status").asText()).isIn("SENT", "PENDING");
            assertThat(sent.findParents("template").stream()
                    .filter(n -> n.get("template").asText().equals("booking-confirmed")).findFirst().orElseThrow()
                    .get("status").asText()).isEqualTo("SENT");
        });
        append("Appointment", id.value(), 1, new AppointmentCancelledEvent(id, "改期"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(notifications(id.value()).findParents("template").stream()
                        .filter(n -> n.get("template").asText().equals("booking-reminder")).findFirst().orElseThrow()
                        .get("status").asText()).isEqualTo("CANCELLED"));
    }

    /**
     * 一事一评 by the client (`003 三(二)3`, 国办发〔2019〕51号): the evaluation invitation carries a one-time link; its code
     * is made as the invitation is sent, and only its hash is stored (with its expiry, `daiban.evaluation.code-validity`)
     * where the command side checks it. The outbox, the delivery record and the log hold no code.
     */
    @Test
    void clientGrade_theInvitationCarriesAOneTimeCodeStoredOnlyAsItsHash() throws Exception {
        DelegationId id = commissioned();
        append("Delegation", id.value(), 1, new DelegationCompletedEvent(id, true, "参保号 7", null,
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 1), true, 2));
        append("Delegation", id.value(), 2, new ResultDeliveredEvent(id, DeliveryMethod.IN_PERSON, null, "签收", false,
                false, LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
                select count(*) from notification_outbox where subject_id = ? and template = 'evaluation-invitation'
                and status = 'SENT'""", Integer.class, id.value())).isEqualTo(1));
        String invitation = jdbc.queryForObject("select id from notification_outbox where subject_id = ? "
                + "and template = 'evaluation-invitation'", String.class, id.value());
        String sent = sender.texts.get(invitation);
        assertThat(sent).as("the invitation's text as the sender was given it").isNotNull();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("code=([A-Za-z0-9_-]{22})").matcher(sent);
        assertThat(link.find()).as(sent).isTrue();
        String code = link.group(1);
        assertThat(sent).contains("王秀英", "/api/public/evaluations?code=" + code);

        java.util.Map<String, Object> row = jdbc.queryForMap("""
                select delegation_id, notification_id, extract(epoch from expires_at - issued_at) as validity, used_at
                from command_side.evaluation_code where code_hash = ?""",
                cn.daiban.security.invitation.EvaluationCodes.hash(code));
        assertThat(row.get("delegation_id")).isEqualTo(id.value());
        assertThat(row.get("notification_id")).isEqualTo(invitation);
        assertThat(((Number) row.get("validity")).longValue()).isEqualTo(Duration.ofDays(15).toSeconds());
        assertThat(row.get("used_at")).isNull();
        // Nowhere in plain: not as a hash key, not in the outbox (placeholder), not in what the log sender keeps.
        assertThat(jdbc.queryForObject("select count(*) from command_side.evaluation_code where code_hash = ?",
                Integer.class, code)).isZero();
        assertThat(jdbc.queryForObject("select text_zh || text_en from notification_outbox where id = ?", String.class,
                invitation)).contains(cn.daiban.security.invitation.EvaluationCodes.LINK_PLACEHOLDER).doesNotContain(code);
        assertThat(jdbc.queryForObject("select text from notification_delivery where notification_id = ?",
                String.class, invitation)).contains("code=****").doesNotContain(code);
        assertThat(notifications(id.value()).toString()).doesNotContain(code);
    }

    /**
     * The dispatcher's look for the next due notification runs at every notification sent: prepared, PostgreSQL keeps
     * its plan (sent as plain text, it was planned each time, at more than it took to run).
     */
    @Test
    void theLookForTheNextDueNotificationKeepsItsPlan(@Autowired DataSource dataSource,
                                                      @Autowired NotificationProperties properties,
                                                      @Autowired EvaluationInvitationProperties invitations)
            throws Exception {
        try (KeptPlans session = new KeptPlans(dataSource)) {
            JdbcTemplate one = session.jdbc();
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(one.getDataSource());
            // Sends nothing, and every look is rolled back: the application's own dispatcher keeps the outbox.
            NotificationDispatcher looking = new NotificationDispatcher(one, transactions, (id, phone, text) -> {
                throw new IllegalStateException("not sent from this test");
            }, properties, invitations);
            TransactionTemplate rolledBack = new TransactionTemplate(transactions);
            for (int i = 0; i < 12; i++) {
                rolledBack.executeWithoutResult(status -> {
                    looking.dispatchOne();
                    status.setRollbackOnly();
                });
            }
            KeptPlans.Plans plans = session.of("select id, subject_id, phone");
            assertThat(plans.generic()).as("%s", plans).isGreaterThanOrEqualTo(5);
        }
    }
}

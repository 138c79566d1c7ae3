package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static cn.daiban.e2e.Scenario.command;
import static cn.daiban.e2e.Scenario.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Fault drills on the running backend: processes killed with SIGKILL, PostgreSQL stopped under load, two command-side
 * nodes commanding one delegation, the query side killed while it projects. Each drill is bounded in requests and
 * time. What is checked is what was acknowledged: an answer 2xx promises its events are stored (read straight from
 * {@code command_side.domain_event_entry}) and will reach the views. Requests whose answer was lost (the process
 * died) or refused with 503 are sent again with their {@code Idempotency-Key}: the retry either replays the first
 * answer (it had committed) or runs the command now, never both — so every stored event is acknowledged exactly once.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsEndToEndIT {

    /** What the command side waits for a connection ({@code spring.datasource.hikari.connection-timeout}). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** A command answered later than this while the database is away counts as a hang. */
    static final Duration FAIL_FAST = CONNECTION_TIMEOUT.plusSeconds(5);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    static Scenario s;
    static String agent;

    /**
     * JDBC engine only, but for the race of two command-side nodes ({@link OnBothEngines}). The drills check what the
     * JDBC engine promises: an acknowledged command's events, idempotency record and deadlines committed in one
     * PostgreSQL transaction (read straight from {@code command_side.domain_event_entry} and the projections'
     * {@code token_entry} positions), and a lost race detected by the event table's unique key. On Axon Server the
     * events are committed by Axon Server, apart from the idempotency record (README, "Scale-out with Axon Server"),
     * and its store is not a table to read. The race runs on both: what it checks (never a 500, every accepted report
     * at a position of its own, the view showing each) holds on both, read through the audit on Axon Server.
     */
    @BeforeEach
    void onlyOnTheJdbcEngine(TestInfo test) {
        if (test.getTestMethod().map(method -> method.isAnnotationPresent(OnBothEngines.class)).orElse(false)) {
            return;
        }
        assumeTrue(Backend.engine() == Backend.Engine.JDBC,
                "the drills read the JDBC event table and check the JDBC engine's one-transaction guarantees");
    }

    /** A drill that runs on Axon Server too. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface OnBothEngines {
    }

    @BeforeAll
    static void hierarchy() {
        s = Scenario.hierarchy(List.of("RS-001"));
        agent = s.qualifiedAgent("郑晓燕", "AGENT");
    }

    static Http staff() {
        return Http.as(agent, s.village).within(CLIENT_TIMEOUT);
    }

    static Map<String, Object> commissioning() {
        return Map.of("kind", "ASSIST", "mode", "ON_SITE", "stationCode", s.village, "window", "W1", "agentId", agent,
                "itemCode", "RS-001", "client", Map.of("kind", "CITIZEN", "name", "刘大爷", "phone", "13912345678"),
                "consentGiven", true);
    }

    /** One request as a client sends it: an idempotency key, a path, a body; a note makes a progress report findable. */
    record Request(String key, String path, Map<String, Object> body, String delegation, String note) {

        static Request commission() {
            return new Request(UUID.randomUUID().toString(), "/api/delegations", commissioning(), null, null);
        }

        static Request progress(String delegation, String note) {
            return new Request(UUID.randomUUID().toString(), "/api/delegations/" + delegation + "/progress",
                    Map.of("note", note, "channel", "PHONE"), delegation, note);
        }

        Http.Answer send(String base) {
            return staff().with("Idempotency-Key", key).post(base + path, body);
        }
    }

    /** What came back 2xx: for a commission the new delegation's id, for a progress report its version (sequence). */
    record Ack(Request request, String id, long version) {
    }

    /** Everything the clients of one drill were told, and what they must ask again. */
    static final class Ledger {
        /** The store's head when the drill began: what the drill commissioned lies after it. */
        final long from = head();
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final List<Request> unanswered = new CopyOnWriteArrayList<>();
        final List<Http.Answer> unavailable = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> delegationsOf = new ConcurrentHashMap<>();

        void acknowledged(Request request, Http.Answer answer) {
            JsonNode json = answer.json();
            acks.add(new Ack(request, json.get("id").asText(), json.get("version").asLong()));
        }

        List<String> delegations() {
            return acks.stream().filter(a -> a.request.delegation == null).map(Ack::id).distinct().toList();
        }

        long progressAcknowledged(String delegation) {
            return acks.stream().filter(a -> delegation.equals(a.request.delegation)).count();
        }

        /** Sends again, with the same key, every request that had no answer or a 503; each must now be 2xx. */
        void retryUnanswered() {
            List<Request> again = new ArrayList<>(unanswered);
            unanswered.clear();
            for (Request request : again) {
                Http.Answer answer = request.send(Backend.commandSide());
                assertThat(answer.status()).as("retry of %s: %s", request.path, answer.body()).isIn(200, 201);
                acknowledged(request, answer);
            }
        }
    }

    /**
     * A client thread: commissions a delegation, then reports progress on its own delegations (so the expected count
     * per delegation is known), until {@code stop} or {@code limit} requests. A lost connection ends it (the process
     * is gone); a 503 is noted and the client goes on (the database is away).
     */
    static Thread client(int number, String label, Ledger ledger, AtomicBoolean stop, int limit) {
        Thread thread = new Thread(() -> {
            List<String> mine = new ArrayList<>();
            for (int n = 0; n < limit && !stop.get(); n++) {
                Request request = mine.isEmpty() || ThreadLocalRandom.current().nextInt(4) == 0
                        ? Request.commission()
                        : Request.progress(mine.get(ThreadLocalRandom.current().nextInt(mine.size())),
                        label + "-c" + number + "-" + n);
                long started = System.nanoTime();
                Http.Answer answer;
                try {
                    answer = request.send(Backend.commandSide());
                } catch (UncheckedIOException lost) {
                    ledger.unanswered.add(request);
                    return;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (answer.status() == 200 || answer.status() == 201) {
                    ledger.acknowledged(request, answer);
                    if (request.delegation == null) {
                        mine.add(answer.json().get("id").asText());
                    }
                } else if (answer.status() == 503) {
                    ledger.unavailable.add(answer);
                    ledger.unanswered.add(request);
                    if (took.compareTo(FAIL_FAST) > 0) {
                        ledger.unexpected.add("503 after " + took + " (slower than " + FAIL_FAST + ")");
                    }
                } else {
                    ledger.unexpected.add(answer.status() + " " + answer.body());
                }
            }
        }, "drill-client-" + number);
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> clients) throws InterruptedException {
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
            assertThat(client.isAlive()).as(client.getName() + " still running").isFalse();
        }
    }

    // --- what is stored -------------------------------------------------------------------------------------------

    static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = Backend.database(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rs.getObject(c);
                        row.put(meta.getColumnLabel(c), value instanceof byte[] bytes ? java.util.Arrays.toString(bytes)
                                : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stream's events as stored, read through the audit (Axon Server's store is not a table to read). */
    static List<JsonNode> storedThroughTheAudit(String aggregate) {
        List<JsonNode> events = new ArrayList<>();
        Http.admin().get(query("/api/audit/streams/" + aggregate + "?size=500")).expect(200).json().get("entries")
                .forEach(events::add);
        return events;
    }

    static List<Long> sequences(String aggregate) {
        if (Backend.engine() == Backend.Engine.AXON_SERVER) {
            return storedThroughTheAudit(aggregate).stream().map(event -> event.get("sequenceNumber").asLong())
                    .toList();
        }
        return rows("""
                select sequence_number from command_side.domain_event_entry where aggregate_identifier = ?
                order by sequence_number""", aggregate).stream()
                .map(row -> ((Number) row.get("sequence_number")).longValue()).toList();
    }

    static long head() {
        return ((Number) rows("select coalesce(max(global_index), 0) as head from command_side.domain_event_entry")
                .get(0).get("head")).longValue();
    }

    static long storedProgress(String delegation) {
        if (Backend.engine() == Backend.Engine.AXON_SERVER) {
            return storedThroughTheAudit(delegation).stream()
                    .filter(event -> "ProgressReportedEvent".equals(event.get("eventType").asText())).count();
        }
        return ((Number) rows("""
                select count(*) as n from command_side.domain_event_entry
                where aggregate_identifier = ? and payload_type like '%.ProgressReportedEvent'""", delegation)
                .get(0).get("n")).longValue();
    }

    /**
     * Every acknowledged command has its event stored where its answer said (a progress report at the version it
     * was told, with its note, once), every stream is 0..n without gaps, and every stored progress report was
     * acknowledged: nothing lost, nothing twice.
     */
    static void assertStoredExactlyAsAcknowledged(Ledger ledger) {
        assertThat(ledger.unexpected).as("answers other than 2xx, a fast 503 or a lost connection").isEmpty();
        // Every delegation the drill's clients commissioned is one that was acknowledged: none stored twice (a
        // commissioning whose answer was lost and that ran again on its retry would be a second delegation).
        assertThat(rows("""
                select aggregate_identifier from command_side.domain_event_entry
                where global_index > ? and actor_id = ? and payload_type like '%.DelegationCommissionedEvent'""",
                ledger.from, agent).stream().map(row -> (String) row.get("aggregate_identifier")).toList())
                .as("delegations commissioned during the drill").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(ledger.delegations());
        for (String delegation : ledger.delegations()) {
            List<Long> sequences = sequences(delegation);
            assertThat(sequences).as("stream of " + delegation)
                    .containsExactlyElementsOf(LongStream.range(0, sequences.size()).boxed().toList());
            assertThat(rows("""
                    select payload_type from command_side.domain_event_entry
                    where aggregate_identifier = ? and sequence_number = 0""", delegation).get(0).get("payload_type"))
                    .asString().endsWith(".DelegationCommissionedEvent");
            assertThat(storedProgress(delegation)).as("progress reports stored for " + delegation)
                    .isEqualTo(ledger.progressAcknowledged(delegation));
        }
        for (Ack ack : ledger.acks) {
            if (ack.request.delegation != null) {
                List<Map<String, Object>> stored = rows("""
                        select sequence_number, payload_type from command_side.domain_event_entry
                        where aggregate_identifier = ? and convert_from(payload, 'UTF8') like ?""",
                        ack.request.delegation, "%\"" + ack.request.note + "\"%");
                assertThat(stored).as("progress report " + ack.request.note).hasSize(1);
                assertThat(((Number) stored.get(0).get("sequence_number")).longValue()).isEqualTo(ack.version);
            }
        }
    }

    /** The query side shows every acknowledged delegation with exactly its acknowledged progress reports. */
    static void awaitViewsShowExactly(Ledger ledger) {
        Http reader = Http.admin().within(CLIENT_TIMEOUT);
        await("the views show what was acknowledged").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (String delegation : ledger.delegations()) {
                        Http.Answer view = reader.get(query("/api/delegations/" + delegation));
                        assertThat(view.status()).as(delegation + ": " + view.body()).isEqualTo(200);
                        assertThat(view.json().get("steps").findValuesAsText("eventType").stream()
                                .filter("ProgressReportedEvent"::equals).count())
                                .as("progress steps of " + delegation)
                                .isEqualTo(ledger.progressAcknowledged(delegation));
                    }
                });
    }

    // --- drill 1 --------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void killingTheCommandSideLosesNothingAcknowledgedAndStoresNothingTwice() throws Exception {
        Ledger ledger = new Ledger();
        for (int round = 1; round <= 3; round++) {
            int before = ledger.acks.size();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(client(c, "kill" + round, ledger, stop, 40));
            }
            await("commands acknowledged in round " + round).atMost(Duration.ofSeconds(60))
                    .until(() -> ledger.acks.size() >= before + 12);
            Backend.killCommandSide();
            stop.set(true);
            joinAll(clients);
            Backend.startCommandSide();
            // Answers lost in the kill: asked again with the same key, each is answered once and stored once.
            ledger.retryUnanswered();
        }
        assertStoredExactlyAsAcknowledged(ledger);
        awaitViewsShowExactly(ledger);
    }

    // --- drill 2 --------------------------------------------------------------------------------------------------

    static int readiness(String base) {
        try {
            return Http.anonymous().within(CLIENT_TIMEOUT).get(base + "/actuator/health/readiness").status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    @Test
    @Order(2)
    void postgresAwayForTenSecondsIsA503FailFastAndBothSidesRecoverWithoutARestart() throws Exception {
        Ledger ledger = new Ledger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(client(c, "pg", ledger, stop, 400));
        }
        await("commands acknowledged before the outage").atMost(Duration.ofSeconds(60))
                .until(() -> ledger.acks.size() >= 8);
        String known = ledger.delegations().get(0);
        Http reader = Http.admin().within(CLIENT_TIMEOUT);
        long stopped = System.nanoTime();
        Backend.stopDatabase();
        try {
            List<Http.Answer> queries = new CopyOnWriteArrayList<>();
            await("the outage seen on both sides for ten seconds").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        boolean commandDown = readiness(Backend.commandSide()) == 503;
                        boolean queryDown = readiness(Backend.querySide()) == 503;
                        long started = System.nanoTime();
                        Http.Answer view = reader.get(query("/api/delegations/" + known));
                        if (view.status() == 503) {
                            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST);
                            queries.add(view);
                        }
                        return commandDown && queryDown && !queries.isEmpty() && !ledger.unavailable.isEmpty()
                                && Duration.ofNanos(System.nanoTime() - stopped).toSeconds() >= 10;
                    });
            for (Http.Answer answer : concat(ledger.unavailable, queries)) {
                assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
                assertThat(answer.json().get("rule").asText()).isEqualTo("unavailable");
                assertThat(answer.json().get("type").asText()).isEqualTo("urn:daiban:problem:unavailable");
                assertThat(answer.headers().get("retry-after")).isEqualTo("5");
            }
        } finally {
            Backend.startDatabase();
        }
        int unavailableDuringOutage = ledger.unavailable.size();
        await("both sides ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> readiness(Backend.commandSide()) == 200 && readiness(Backend.querySide()) == 200);
        int acksAtRecovery = ledger.acks.size();
        await("commands acknowledged again").atMost(Duration.ofSeconds(30))
                .until(() -> ledger.acks.size() >= acksAtRecovery + 4);
        stop.set(true);
        joinAll(clients);
        assertThat(unavailableDuringOutage).isPositive();
        ledger.retryUnanswered();
        assertStoredExactlyAsAcknowledged(ledger);
        awaitViewsShowExactly(ledger);
    }

    static List<Http.Answer> concat(List<Http.Answer> first, List<Http.Answer> second) {
        List<Http.Answer> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    // --- drill 3 --------------------------------------------------------------------------------------------------

    /**
     * On the JDBC engine the loser of a race is refused 409 {@code concurrent-modification} (and the drill insists
     * some were); on Axon Server every command of the delegation is routed to the one node owning it and handled in
     * turn, so the answers are 200 (409 only should the routing change meanwhile). Never a 500 on either.
     */
    @Test
    @Order(3)
    @OnBothEngines
    void twoCommandSideNodesRacingOnOneDelegationAnswer200Or409NeverA500() throws Exception {
        String delegation = staff().post(command("/api/delegations"), commissioning()).expect(201).json()
                .get("id").asText();
        String second = Backend.startSecondCommandSide();
        try {
            List<Http.Answer> answers = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            AtomicInteger notes = new AtomicInteger();
            for (int t = 0; t < 16; t++) {
                String node = t % 2 == 0 ? Backend.commandSide() : second;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 6; i++) {
                            answers.add(staff().post(node + "/api/delegations/" + delegation + "/progress",
                                    Map.of("note", "race-" + notes.incrementAndGet(), "channel", "PHONE")));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "drill-racer-" + t);
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            joinAll(threads);

            assertThat(answers).hasSize(96).allSatisfy(answer ->
                    assertThat(answer.status()).as(answer.body()).isIn(200, 409));
            List<Http.Answer> accepted = answers.stream().filter(a -> a.status() == 200).toList();
            List<Http.Answer> conflicts = answers.stream().filter(a -> a.status() == 409).toList();
            if (Backend.engine() == Backend.Engine.JDBC) {
                assertThat(conflicts).as("the two nodes really raced").isNotEmpty();
            }
            assertThat(conflicts).allSatisfy(conflict -> {
                assertThat(conflict.headers().get("content-type")).startsWith("application/problem+json");
                assertThat(conflict.json().get("rule").asText()).isEqualTo("concurrent-modification");
            });
            // Each acknowledged report holds its own position: as if they had been sent one after the other.
            List<Long> versions = accepted.stream().map(a -> a.json().get("version").asLong()).sorted().toList();
            assertThat(versions).doesNotHaveDuplicates();
            List<Long> sequences = sequences(delegation);
            assertThat(sequences).containsExactlyElementsOf(LongStream.range(0, sequences.size()).boxed().toList());
            assertThat(storedProgress(delegation)).isEqualTo(accepted.size());
            assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, accepted.size()).boxed().toList());

            // The stream reloads on either node and goes on where it ended.
            assertThat(staff().post(second + "/api/delegations/" + delegation + "/progress",
                    Map.of("note", "after the race, second node", "channel", "PHONE")).expect(200).json()
                    .get("version").asLong()).isEqualTo(sequences.size());
            assertThat(staff().post(command("/api/delegations/" + delegation + "/progress"),
                    Map.of("note", "after the race, first node", "channel", "PHONE")).expect(200).json()
                    .get("version").asLong()).isEqualTo(sequences.size() + 1);
            long expectedSteps = accepted.size() + 2;
            await("the view shows every accepted report").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                            assertThat(Http.admin().get(query("/api/delegations/" + delegation)).expect(200).json()
                                    .get("steps").findValuesAsText("eventType").stream()
                                    .filter("ProgressReportedEvent"::equals).count()).isEqualTo(expectedSteps));
        } finally {
            Backend.stopSecondCommandSide();
        }
    }

    // --- empty values ---------------------------------------------------------------------------------------------

    /**
     * Empty values stay empty: after the scenarios before it and the drills, no view of the query side holds the
     * literal text {@code null} where a value is missing — no text column, no array element equal to it, no JSON
     * string value {@code "null"} in a jsonb column. (Run late in the suite, over everything the flows made.) The
     * dead-letter and token tables hold the processors' own records, not views, and are left out.
     */
    @Test
    @Order(5)
    void noViewHoldsTheTextNullForAMissingValue() {
        List<Map<String, Object>> columns = rows("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'query_side' and t.table_type = 'BASE TABLE'
                  and c.table_name not like 'dead_letter%' and c.table_name not in ('token_entry', 'flyway_schema_history')
                  and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                       or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
                order by c.table_name, c.column_name""");
        assertThat(columns).as("text columns of the views").hasSizeGreaterThan(20);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = "\"" + column.get("column_name") + "\"";
            String type = (String) column.get("data_type");
            String condition = switch (type) {
                case "json", "jsonb" -> name + "::text like '%\"null\"%'";
                case "ARRAY" -> "exists (select 1 from unnest(" + name + ") v where lower(v) = 'null')";
                default -> "lower(trim(" + name + ")) = 'null'";
            };
            long count = ((Number) rows("select count(*) as n from query_side.\"" + column.get("table_name")
                    + "\" where " + condition).get(0).get("n")).longValue();
            if (count > 0) {
                found.add(column.get("table_name") + "." + column.get("column_name") + ": " + count + " row(s)");
            }
        }
        assertThat(found).as("view columns holding the text null").isEmpty();
    }

    // --- drill 4 --------------------------------------------------------------------------------------------------

    /** The projection tables of the processing groups compared, as rebuilt by {@code ProjectionRebuilds}. */
    static final Map<String, List<String>> GROUPS = Map.of(
            // Every table a shadow rebuild of the group replaces (ProjectionRebuilds), the figures too: the drill's
            // commissions and progress reports reach the delegations group (all of its tables) and the agents'
            // workload. The notification outbox is not rebuilt (a reset in place would send again).
            "delegations", List.of("delegation_view", "delegation_step", "evaluation_view", "phone_follow_up",
                    "work_log_entry", "delegation_figure", "delegation_open_figure", "delegation_category_figure",
                    "delegation_facet_figure"),
            "agents", List.of("agent", "agent_record", "agent_workload"));

    /** Every live row of a table, each rendered as its sorted column values, sorted: order-free and exact. */
    static List<String> liveRows(String table) {
        List<String> rendered = new ArrayList<>();
        for (Map<String, Object> row : rows("select * from query_side." + table)) {
            rendered.add(new java.util.TreeMap<>(row).toString());
        }
        Collections.sort(rendered);
        return rendered;
    }

    /** Whether every segment's token of {@code group} has passed the last stored event. */
    static boolean caughtUp(String group) {
        return AuditAndHistoryEndToEndIT.caughtUp(group, head());
    }

    @Test
    @Order(4)
    void theQuerySideKilledMidBatchEndsWithViewsEqualToAFullRebuild() throws Exception {
        Ledger ledger = new Ledger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(client(c, "qkill", ledger, stop, 30));
        }
        await("events flowing").atMost(Duration.ofSeconds(60)).until(() -> ledger.acks.size() >= 10);
        Backend.killQuerySide();
        Backend.startQuerySideAgain();
        joinAll(clients);
        assertThat(ledger.unanswered).isEmpty();
        assertStoredExactlyAsAcknowledged(ledger);
        awaitViewsShowExactly(ledger);
        await("projections caught up with the store").atMost(Duration.ofSeconds(60))
                .until(() -> GROUPS.keySet().stream().allMatch(FaultDrillsEndToEndIT::caughtUp));

        Http admin = Http.admin().within(CLIENT_TIMEOUT);
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            Map<String, List<String>> live = new HashMap<>();
            for (String table : group.getValue()) {
                live.put(table, liveRows(table));
            }
            // Rebuilt one group at a time: "all" also resets the notification sender, which waits for its replay.
            admin.post(query("/api/admin/rebuilds/" + group.getKey()), Map.of()).expect(202);
            await("rebuild of " + group.getKey()).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.get(query("/api/admin/rebuilds/" + group.getKey())).expect(200).json()
                            .get("state").asText(), state -> Set.of("SWITCHED", "FAILED").contains(state));
            assertThat(admin.get(query("/api/admin/rebuilds/" + group.getKey())).json().get("state").asText())
                    .isEqualTo("SWITCHED");
            for (String table : group.getValue()) {
                assertThat(liveRows(table)).as("query_side." + table + " after the crash vs. rebuilt from the start")
                        .containsExactlyElementsOf(live.get(table));
            }
        }
    }
}

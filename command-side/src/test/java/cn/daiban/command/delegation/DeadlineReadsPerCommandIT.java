package cn.daiban.command.delegation;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command reads no more rows of db-scheduler's {@code scheduled_tasks} with a thousand more deadlines open than
 * with a handful: commissioning a delegation (which schedules its warning and overdue checks) and suspending one
 * (which schedules its continuation deadline) read a small constant number of rows, whatever the open deadlines.
 *
 * <p>How it is measured: PostgreSQL's per-transaction statistics ({@code pg_stat_xact_user_tables}: the rows
 * sequential scans read plus the rows index scans fetched) for {@code scheduled_tasks}, read on the command's own
 * connection when its unit of work starts (a handler interceptor, inside the transaction the command bus opened) and
 * again in prepare-commit, after the deadline manager's own work there; the command's reads are the difference.
 * The difference, not the value at the end: since PostgreSQL 15 these figures are the backend's statistics not yet
 * flushed, and a pooled connection that stays busy flushes them at most once a second, so they also hold the reads
 * of earlier transactions on the same connection (db-scheduler's polling, this test's own counting). Reading only
 * the end is how this measurement once blamed a commissioning for some 15,700 rows it never read. Both readings must
 * come from the same backend, which the test checks. Assumption: db-scheduler works through the transaction's
 * connection (its Spring Boot starter wraps the DataSource transaction-aware); were it not, a scan would escape the
 * count — the README's note on deadlines says how a scope-wide cancellation put back makes this test fail.
 */
class DeadlineReadsPerCommandIT extends PostgresIntegrationTest {

    /** How many more open deadlines the second measurement has. */
    private static final int MORE_DEADLINES = 1_000;
    /** A handful of open deadlines to start from. */
    private static final int FEW_DEADLINES = 10;
    /** Rows a command may read beyond those it read at a handful of deadlines (the planner's choices). */
    private static final int PLANNER_SLACK = 2;
    /** At most the rows of the command's own few deadlines. */
    private static final int OWN_ROWS = 4;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    CommandBus commandBus;

    /** Rows of scheduled_tasks read by the last command of each type, in its transaction. */
    final Map<String, Long> reads = new ConcurrentHashMap<>();
    Registration measuring;

    @BeforeEach
    void measureEachCommandsReads() {
        measuring = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Reading before = reading();
            Object result = chain.proceed();
            unitOfWork.onPrepareCommit(u -> {
                Reading after = reading();
                assertThat(after.backend()).as("both readings on the command's own connection")
                        .isEqualTo(before.backend());
                reads.put(u.getMessage().getPayloadType().getSimpleName(), after.rows() - before.rows());
            });
            return result;
        });
    }

    /** The backend a reading was taken on, and the rows of scheduled_tasks its pending statistics count. */
    record Reading(int backend, long rows) {
    }

    Reading reading() {
        return jdbc.queryForObject("""
                select pg_backend_pid() backend, coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) read
                from pg_stat_xact_user_tables where relid = to_regclass('scheduled_tasks')""",
                (rs, i) -> new Reading(rs.getInt("backend"), rs.getLong("read")));
    }

    @AfterEach
    void stopMeasuring() {
        measuring.cancel();
    }

    ResponseEntity<String> post(String path, String body, String subject, Role role, String station) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(tokens.issue(subject, role, station));
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    String expectOk(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return json.readTree(response.getBody()).get("id").asText();
    }

    static String opening(String code, String level, String parent) {
        return """
                {"stationCode":"%s","name":"测试便民服务站","level":"%s",%s"region":"%s","address":"测试地址",
                 "manager":{"name":"张伟","phone":"13812345678"},"supervisionPhone":"0356-7022345",
                 "serviceItemCodes":["RS-001"]}""".formatted(code, level,
                parent == null ? "" : "\"parentCode\":\"" + parent + "\",", code.substring(0, 6));
    }

    String village;
    String agent;

    /** A village with a qualified agent. */
    void village() throws Exception {
        String county = "1477" + ThreadLocalRandom.current().nextInt(10000, 99999);
        String township = county + "1";
        village = township + "01";
        expectOk(post("/api/stations", opening(county, "COUNTY_CENTRE", null), "admin-01", Role.ADMINISTRATOR, null));
        expectOk(post("/api/stations/" + county + "/opening/approval", "{}", "admin-01", Role.ADMINISTRATOR, null));
        expectOk(post("/api/stations", opening(township, "TOWNSHIP_CENTRE", county), "m-c", Role.STATION_MANAGER, county));
        expectOk(post("/api/stations/" + township + "/opening/approval", "{}", "m-c", Role.STATION_MANAGER, county));
        expectOk(post("/api/stations", opening(village, "VILLAGE_STATION", township), "m-t", Role.STATION_MANAGER,
                township));
        expectOk(post("/api/stations/" + village + "/opening/approval", "{}", "m-t", Role.STATION_MANAGER, township));
        LocalDate today = LocalDate.now(ZoneId.of(ServiceClock.DEFAULT_ZONE));
        agent = expectOk(post("/api/agents", """
                {"stationCode":"%s","name":"周敏","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(village, today.minusYears(2)), "m-v",
                Role.STATION_MANAGER, village));
        expectOk(post("/api/agents/" + agent + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(today), "m-v", Role.STATION_MANAGER,
                village));
        expectOk(post("/api/agents/" + agent + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(today), "m-v", Role.STATION_MANAGER,
                village));
    }

    String commission() throws Exception {
        return expectOk(post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","window":"W1","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"刘大爷","phone":"13912345678"},"consentGiven":true}"""
                .formatted(village, agent), agent, Role.AGENT, village));
    }

    void suspend(String delegation) throws Exception {
        expectOk(post("/api/delegations/" + delegation + "/suspension", """
                {"reason":"CLIENT_REQUEST","note":"外出"}""", agent, Role.AGENT, village));
    }

    long openDeadlines() {
        return jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class);
    }

    /** Rows read by one commissioning and by one suspension, with the deadlines open now. */
    long[] measure() throws Exception {
        reads.clear();
        String delegation = commission();
        long commissioning = reads.get("CommissionDelegationCommand");
        suspend(delegation);
        long suspension = reads.get("SuspendDelegationCommand");
        return new long[]{commissioning, suspension};
    }

    @Test
    void commissioningAndSuspendingReadAsManyDeadlineRowsAtAThousandMoreOpenDeadlines() throws Exception {
        village();
        while (openDeadlines() < FEW_DEADLINES) {
            commission();
        }
        long few = openDeadlines();
        long[] atFew = measure();

        // A thousand more open deadlines: the warning and overdue checks of further matters, commissioned in turn.
        long target = openDeadlines() + MORE_DEADLINES;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            while (openDeadlines() < target) {
                List<Future<String>> sent = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    sent.add(clients.submit(this::commission));
                }
                for (Future<String> future : sent) {
                    future.get();
                }
            }
        } finally {
            clients.shutdownNow();
        }
        long many = openDeadlines();
        long[] atMany = measure();

        assertThat(many - few).isGreaterThanOrEqualTo(MORE_DEADLINES);
        System.out.printf("scheduled_tasks rows read: commissioning %d/%d, suspension %d/%d at %d/%d open deadlines%n",
                atFew[0], atMany[0], atFew[1], atMany[1], few, many);
        // Not growing: at a thousand more open deadlines a command reads no more rows than at a handful, give or
        // take the planner's choice on a tiny table (a sequential scan of its few rows for a key look-up, where
        // the larger table gets an index scan that fetches none): a small constant, far below the deadlines open.
        assertThat(atMany[0]).as("rows of scheduled_tasks read by a commissioning with %d vs %d open deadlines",
                few, many).isLessThanOrEqualTo(atFew[0] + PLANNER_SLACK).isLessThanOrEqualTo(OWN_ROWS);
        assertThat(atMany[1]).as("rows of scheduled_tasks read by a suspension with %d vs %d open deadlines",
                few, many).isLessThanOrEqualTo(atFew[1] + PLANNER_SLACK).isLessThanOrEqualTo(OWN_ROWS);
    }
}

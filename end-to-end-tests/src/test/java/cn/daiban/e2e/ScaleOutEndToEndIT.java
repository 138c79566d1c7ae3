package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static cn.daiban.e2e.Scenario.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More than one node of a side, on whichever engine the run uses: two command-side nodes starting at the same moment
 * both start (seeding the shipped calendar and catalogue is idempotent, and refills look-up rows the event store
 * outlived), a live-update subscriber on any query node hears of a commissioning within 2 s, and no start logs a
 * failed network call of Axon's update checker, and a second query node takes every segment over when the first
 * dies.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(8)
class ScaleOutEndToEndIT {

    /** Seeded rows the test removes from the command side's look-ups (the events stay in the store). */
    static final String SEEDED_ROWS = """
            select 'year ' || y.year || ' r' || y.revision || ' ' || y.notice
                   || ' days ' || (select count(*) from command_side.calendar_day d where d.year = y.year) as row
            from command_side.calendar_year y where y.year in (2025, 2026)
            union all
            select 'item ' || code || ' r' || revision || ' ' || definition::text || ' ' || withdrawn
            from command_side.catalogue_registry where code in ('GA-001', 'ZR-001', 'TY-001')
            order by 1""";

    static List<String> rows(String sql) throws Exception {
        try (Connection connection = Backend.database(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @Test
    void twoCommandNodesStartingTogetherBothStartAndRefillTheLookUpsFromTheEvents() throws Exception {
        List<String> seeded = rows(SEEDED_ROWS);
        assertThat(seeded).hasSize(5);

        Backend.killCommandSide();
        // The events outlive the look-up rows (a database restored from an older backup, a node stopped between
        // Axon Server's commit and PostgreSQL's): both nodes find them missing and seed at the same moment.
        try (Connection connection = Backend.database(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from command_side.calendar_day where year in (2025, 2026)");
            statement.executeUpdate("delete from command_side.calendar_year where year in (2025, 2026)");
            statement.executeUpdate(
                    "delete from command_side.catalogue_registry where code in ('GA-001', 'ZR-001', 'TY-001')");
        }
        assertThat(rows(SEEDED_ROWS)).isEmpty();

        Backend.StartedNode second = Backend.launchCommandSide("command-side-seeding-twin");
        try {
            CompletableFuture<Void> main = CompletableFuture.runAsync(Backend::startCommandSide);
            Backend.awaitCommandSide(second);
            main.join();

            assertThat(rows(SEEDED_ROWS)).isEqualTo(seeded);
            // Both nodes take commands, and each sees what the other did.
            String code = CountyCodes.next();
            Http.admin().post(second.url() + "/api/stations", Map.of("stationCode", code, "name", "沁水县政务服务中心",
                    "level", "COUNTY_CENTRE", "region", code.substring(0, 6), "address", "沁水县龙港镇",
                    "manager", Map.of("name", "张伟", "phone", "13812345678"), "supervisionPhone", "0356-7022345",
                    "serviceItemCodes", List.of("ZR-001"))).expect(201);
            Http.admin().post(command("/api/stations/" + code + "/opening/approval"), Map.of()).expect(200);
        } finally {
            Backend.stopNode(second);
        }
    }

    @Test
    void aLiveUpdateReachesASubscriberOnEveryQueryNodeWithinTwoSeconds() throws Exception {
        Scenario s = Scenario.hierarchy(List.of("RS-001"));
        String agent = s.qualifiedAgent("冯丽", "AGENT");
        String secondQuery = Backend.startSecondQuerySide();
        try {
            Subscriber first = Subscriber.open(Scenario.query("/api/live/stations/" + s.county));
            Subscriber other = Subscriber.open(secondQuery + "/api/live/stations/" + s.county);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.subscribed() && other.subscribed());

            Map<String, Object> body = s.assist(agent, "RS-001", "陈阿姨", "13912345678");
            String delegation = Http.as(agent, s.village, "AGENT").post(command("/api/delegations"), body)
                    .expect(201).json().get("id").asText();

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                assertThat(first.commissioned()).contains(delegation);
                assertThat(other.commissioned()).contains(delegation);
            });
            // Once each, whichever node's projection handled it.
            assertThat(first.commissioned()).containsOnlyOnce(delegation);
            assertThat(other.commissioned()).containsOnlyOnce(delegation);
            first.close();
            other.close();
        } finally {
            Backend.stopSecondQuerySide();
        }
    }

    /**
     * A second query node takes the segments over when the first dies: the first is killed (SIGKILL, so it releases
     * nothing), and a delegation commissioned afterwards reaches the second node's views once the dead node's claims
     * have timed out (the token store's claim timeout, 10 s). Bounded at 60 s.
     */
    @Test
    void aSecondQueryNodeTakesTheSegmentsOverWhenTheFirstDies() throws Exception {
        Scenario s = Scenario.hierarchy(List.of("RS-001"));
        String agent = s.qualifiedAgent("郭强", "AGENT");
        String secondQuery = Backend.startSecondQuerySide();
        try {
            Backend.killQuerySide();
            try {
                Map<String, Object> body = s.assist(agent, "RS-001", "韩大爷", "13912345678");
                String delegation = Http.as(agent, s.village, "AGENT").post(command("/api/delegations"), body)
                        .expect(201).json().get("id").asText();

                // Every group's segments are handled by the second node: the delegation's detail, its ledger row and
                // the agent's workload (three processing groups) all show it there.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(Http.admin().get(secondQuery + "/api/delegations/" + delegation).status())
                            .isEqualTo(200);
                    assertThat(Http.admin().get(secondQuery + "/api/ledger?station=" + s.village).expect(200).body())
                            .contains(delegation);
                    assertThat(Http.admin().get(secondQuery + "/api/agents/" + agent).expect(200).json()
                            .get("activeWorkload").asInt()).isEqualTo(1);
                });
            } finally {
                Backend.startQuerySideAgain();
            }
        } finally {
            Backend.stopSecondQuerySide();
        }
    }

    /**
     * A rebuild stops the processor of its own node only: asked of a node while another processes the group (the
     * first node holds every segment; the second, started later, none), it is refused at once with a 409 naming the
     * segments and their owner, for one group and for all, and nothing is started.
     */
    @Test
    void aRebuildIsRefusedWhileAnotherQueryNodeProcessesTheGroup() throws Exception {
        // The first node holds every segment of the group (after a test that restarted it, once it has claimed them).
        String owners = """
                select owner from query_side.token_entry where processor_name = 'complaints' order by segment""";
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> held = rows(owners);
            return held.size() == 2 && held.get(0) != null && held.get(0).equals(held.get(1));
        });
        String first = rows(owners).get(0);
        String secondQuery = Backend.startSecondQuerySide();
        try {
            for (String group : List.of("complaints", "all")) {
                Http.Answer refused = Http.admin().post(secondQuery + "/api/admin/rebuilds/" + group, Map.of());
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                JsonNode problem = refused.json();
                assertThat(problem.get("rule").asText()).isEqualTo("rebuild-processed-elsewhere");
                assertThat(problem.get("detail").asText()).contains("complaints segment 0 by " + first)
                        .contains("complaints segment 1 by " + first);
            }
            // Nothing was started there.
            assertThat(Http.admin().get(secondQuery + "/api/admin/rebuilds/complaints").status()).isEqualTo(404);
        } finally {
            Backend.stopSecondQuerySide();
        }
    }

    @Test
    void noStartLogsAFailedCallOfAxonsUpdateChecker() throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(Backend.logs())) {
            logs = files.filter(path -> path.getFileName().toString().startsWith("command-side")
                    || path.getFileName().toString().startsWith("query-side")).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log);
            assertThat(text).as(log.toString()).contains("Started");
            assertThat(text).as(log.toString()).doesNotContain("UnknownHostException")
                    .doesNotContain("get.axoniq.io");
        }
    }

    /** A server-sent-events client of a live-update stream, keeping the delegations it heard were commissioned. */
    static final class Subscriber {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private CompletableFuture<?> stream;
        private volatile Stream<String> body;

        static Subscriber open(String url) {
            Subscriber subscriber = new Subscriber();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", Http.admin().authorization())
                    .header("Accept", "text/event-stream").GET().build();
            subscriber.stream = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        subscriber.body = response.body();
                        subscriber.body.forEach(subscriber.lines::add);
                    });
            return subscriber;
        }

        boolean subscribed() {
            return lines.stream().anyMatch(line -> line.startsWith("event:subscribed"));
        }

        List<String> commissioned() {
            List<String> ids = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("data:") && line.contains("delegation-commissioned")) {
                    JsonNode data = Http.Answer.parse(line.substring("data:".length()));
                    ids.add(data.get("delegationId").asText());
                }
            }
            return ids;
        }

        void close() {
            Stream<String> open = body;
            if (open != null) {
                open.close();
            }
            stream.cancel(true);
        }
    }
}

package cn.daiban.e2e;

import cn.daiban.localpg.LocalPostgres;
import cn.daiban.localpg.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole backend as a newcomer runs it: one real PostgreSQL, the command side and the query side started from
 * their runnable jars as separate processes, spoken to over HTTP only. Started once for all end-to-end tests and
 * stopped when they are done.
 * <p>
 * On either engine ({@link #engine()}, system property {@code daiban.engine}): {@code jdbc} (the default, events in
 * PostgreSQL) or {@code axonserver}, where one real Axon Server (the jar named by {@code DAIBAN_AXONSERVER_JAR},
 * default {@code $HOME/.cache/daiban/axonserver.jar}) is started for the run — free ports, a temporary folder,
 * stopped with everything else — and both applications run the {@code axonserver} profile against it. Without the
 * jar the Axon Server run is skipped (one line says how to get it); the JDBC run never needs it.
 */
public final class Backend implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    /** The event store the applications run on. */
    public enum Engine { JDBC, AXON_SERVER }

    private static Backend running;
    private static boolean skipAnnounced;

    /** The engine of this run: {@code -Ddaiban.engine=axonserver} for Axon Server, else the JDBC event store. */
    public static Engine engine() {
        String engine = System.getProperty("daiban.engine", "jdbc").trim().toLowerCase(Locale.ROOT);
        return switch (engine) {
            case "axonserver", "axon-server", "axon_server" -> Engine.AXON_SERVER;
            case "jdbc", "" -> Engine.JDBC;
            default -> throw new IllegalArgumentException("daiban.engine must be jdbc or axonserver, not " + engine);
        };
    }

    /**
     * The Axon Server jar the tests run: {@code DAIBAN_AXONSERVER_JAR}, else {@code $HOME/.cache/daiban/axonserver.jar}
     * (the environment's HOME first: under scripts/unprivileged a forked JVM's {@code user.home} need not be it).
     */
    public static Path axonServerJar() {
        String configured = System.getenv("DAIBAN_AXONSERVER_JAR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"),
                ".cache", "daiban", "axonserver.jar");
    }

    private final List<Process> processes = new ArrayList<>();
    private final Path logs;
    private LocalPostgres postgres;
    private Process querySide;
    private int queryStarts;
    private Process commandSide;
    private int commandStarts;
    private Process secondCommandSide;
    private Process secondQuerySide;
    private int queryStartsSecond;
    private int commandPort;
    private int queryPort;
    private Process axonServer;
    private Path axonServerDir;
    private int axonServerGrpcPort;
    private int axonServerHttpPort;

    private Backend() {
        try {
            logs = Files.createDirectories(Path.of("target",
                    engine() == Engine.AXON_SERVER ? "e2e-logs-axonserver" : "e2e-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String commandSide() {
        return "http://localhost:" + running.commandPort;
    }

    public static String querySide() {
        return "http://localhost:" + running.queryPort;
    }

    /** Where the processes write their output ({@code query-side.log}, then {@code query-side-2.log}, …). */
    public static Path logs() {
        return running.logs;
    }

    /**
     * Stops the query side — with SIGKILL when {@code crash}, as a power cut or an OOM kill would, else with SIGTERM —
     * and starts it again on the same port and database, with {@code extra} arguments; returns once it is ready.
     */
    public static void restartQuerySide(boolean crash, String... extra) throws InterruptedException {
        Backend backend = running;
        Process old = backend.querySide;
        if (crash) {
            old.destroyForcibly();
        } else {
            old.destroy();
        }
        if (!old.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the query side did not stop");
        }
        backend.processes.remove(old);
        backend.startQuerySide(extra);
    }

    /**
     * Stops the command side — with SIGKILL when {@code crash} — and starts it again on the same port and database;
     * returns once it is ready.
     */
    public static void restartCommandSide(boolean crash) throws InterruptedException {
        Backend backend = running;
        stop(backend.commandSide, crash);
        backend.processes.remove(backend.commandSide);
        backend.startCommandSide();
    }

    /** Kills the command side with SIGKILL, as an OOM kill or a power cut would; {@link #startCommandSide()} brings it back. */
    public static void killCommandSide() throws InterruptedException {
        stop(running.commandSide, true);
        running.processes.remove(running.commandSide);
    }

    /** Starts the command side again after {@link #killCommandSide()}, on the same port; returns once it is ready. */
    public static void startCommandSide() {
        running.startCommandSideProcess();
    }

    /**
     * Starts a second command-side process on another port, against the same database (two nodes of the embedded
     * mode sharing one event store); returns its base URL once it is ready.
     */
    public static String startSecondCommandSide() {
        Backend backend = running;
        int port = freePort();
        String name = "command-side-second-" + (++backend.commandStarts);
        backend.secondCommandSide = backend.launch(name, System.getProperty("commandSideJar"), port, backend.postgres,
                "--db-scheduler.polling-interval=200ms");
        backend.awaitHealthy(backend.secondCommandSide, port, name);
        return "http://localhost:" + port;
    }

    /** Stops the second command-side process (SIGTERM). */
    public static void stopSecondCommandSide() throws InterruptedException {
        Process second = running.secondCommandSide;
        if (second != null) {
            stop(second, false);
            running.processes.remove(second);
            running.secondCommandSide = null;
        }
    }

    /**
     * Starts a second query-side process on another port, against the same database and event store (a second node
     * sharing the processors' work); returns its base URL once it is ready.
     */
    public static String startSecondQuerySide() {
        Backend backend = running;
        int port = freePort();
        String name = "query-side-second-" + (++backend.queryStartsSecond);
        backend.secondQuerySide = backend.launch(name, System.getProperty("querySideJar"), port, backend.postgres);
        backend.awaitHealthy(backend.secondQuerySide, port, name);
        return "http://localhost:" + port;
    }

    /** Stops the second query-side process (SIGTERM). */
    public static void stopSecondQuerySide() throws InterruptedException {
        Process second = running.secondQuerySide;
        if (second != null) {
            stop(second, false);
            running.processes.remove(second);
            running.secondQuerySide = null;
        }
    }

    /**
     * Starts a command-side process on a new port without waiting for it; {@link #awaitCommandSide} waits for it.
     * For starting two nodes at the same moment.
     */
    public static StartedNode launchCommandSide(String name) {
        int port = freePort();
        Process process = running.launch(name, System.getProperty("commandSideJar"), port, running.postgres,
                "--db-scheduler.polling-interval=200ms");
        return new StartedNode(name, process, port);
    }

    /** A process started by {@link #launchCommandSide}. */
    public record StartedNode(String name, Process process, int port) {
        public String url() {
            return "http://localhost:" + port;
        }
    }

    /** Waits until a node started by {@link #launchCommandSide} is ready (fails if it exits first). */
    public static void awaitCommandSide(StartedNode node) {
        running.awaitHealthy(node.process(), node.port(), node.name());
    }

    /** Stops a node started by {@link #launchCommandSide} (SIGTERM). */
    public static void stopNode(StartedNode node) throws InterruptedException {
        stop(node.process(), false);
        running.processes.remove(node.process());
    }

    /** Kills the query side with SIGKILL; {@link #startQuerySideAgain()} brings it back. */
    public static void killQuerySide() throws InterruptedException {
        stop(running.querySide, true);
        running.processes.remove(running.querySide);
    }

    /** Starts the query side again after {@link #killQuerySide()}, on the same port; returns once it is ready. */
    public static void startQuerySideAgain() {
        running.startQuerySide();
    }

    /** Stops PostgreSQL (fast shutdown: connections are cut), keeping its port and data for {@link #startDatabase()}. */
    public static void stopDatabase() {
        running.postgres.stop();
    }

    /** Starts PostgreSQL again after {@link #stopDatabase()}: same port, same data. */
    public static void startDatabase() {
        running.postgres.startAgain();
    }

    /** A plain JDBC connection to the backend's database, to check what is stored. */
    public static java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(running.postgres.jdbcUrl(), LocalPostgres.USER, "");
    }

    private static void stop(Process process, boolean crash) throws InterruptedException {
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a process of the backend did not stop");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (Backend.class) {
            if (engine() == Engine.AXON_SERVER && !Files.isRegularFile(axonServerJar())) {
                String reason = "Axon Server run skipped: no jar at " + axonServerJar() + " (set DAIBAN_AXONSERVER_JAR,"
                        + " or build it with ../shared/tools/axonserver/build.sh, see ../shared/tools/axonserver/README.md)";
                if (!skipAnnounced) {
                    skipAnnounced = true;
                    System.out.println("[WARNING] " + reason);
                }
                Assumptions.abort(reason);
            }
            if (running == null) {
                Backend backend = new Backend();
                try {
                    backend.start();
                } catch (RuntimeException | Error e) {
                    // Leave nothing running (Axon Server above all) for the next class's attempt.
                    try {
                        backend.close();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw e;
                }
                running = backend;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Backend.class.getName(), backend);
            }
        }
    }

    private void start() {
        // Only this run's logs: tests read them (no personal data, no failed update check). Here, not in the
        // constructor: JUnit constructs the extension once per test class.
        try (Stream<Path> old = Files.list(logs)) {
            for (Path log : old.filter(path -> path.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (engine() == Engine.AXON_SERVER) {
            // Axon Server takes longest to start (20-70 s here): start it first, PostgreSQL meanwhile.
            launchAxonServer();
        }
        postgres = TestPostgres.server();
        if (engine() == Engine.AXON_SERVER) {
            awaitAxonServer();
        }
        commandPort = freePort();
        queryPort = freePort();
        startCommandSideProcess();
        // The query side follows the command side's event table: start it once that schema exists.
        startQuerySide();
        warmUp();
    }

    /**
     * One signed-in query before the tests: the first query through Axon Server opens its gRPC streams, which on a
     * loaded machine took longer than the one second the views' tests give a projection (what they measure).
     */
    private void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> token = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + commandPort + "/api/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String bearer = token.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            for (int i = 0; i < 3; i++) {
                client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort + "/api/catalogue/items"))
                        .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("warming up the backend failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startCommandSideProcess() {
        String name = ++commandStarts == 1 ? "command-side" : "command-side-" + commandStarts;
        commandSide = launch(name, System.getProperty("commandSideJar"), commandPort, postgres,
                "--db-scheduler.polling-interval=200ms");
        awaitHealthy(commandSide, commandPort, name);
    }

    private void startQuerySide(String... extra) {
        String name = ++queryStarts == 1 ? "query-side" : "query-side-" + queryStarts;
        querySide = launch(name, System.getProperty("querySideJar"), queryPort, postgres, extra);
        awaitHealthy(querySide, queryPort, name);
    }

    /** One Axon Server SE for the run, in a temporary folder of its own, on free ports (HTTP and gRPC). */
    private void launchAxonServer() {
        try {
            axonServerDir = Files.createTempDirectory("daiban-axonserver");
            int httpPort = freePort();
            axonServerGrpcPort = freePort();
            Files.writeString(axonServerDir.resolve("axonserver.properties"), String.join("\n",
                    "axoniq.axonserver.standalone=true",
                    "axoniq.axonserver.devmode.enabled=true",
                    "axoniq.axonserver.hostname=localhost",
                    "server.port=" + httpPort,
                    "axoniq.axonserver.port=" + axonServerGrpcPort,
                    "") );
            axonServer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", axonServerJar().toAbsolutePath().toString())
                    .directory(axonServerDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("axonserver.log").toFile()))
                    .start();
            axonServerHttpPort = httpPort;
            // Should the test JVM end without close() (killed build), take Axon Server down with it.
            Process started = axonServer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Axon Server", e);
        }
    }

    private void awaitAxonServer() {
        HttpClient client = HttpClient.newHttpClient();
        await("Axon Server ready").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!axonServer.isAlive()) {
                throw new IllegalStateException("Axon Server exited; see " + logs.resolve("axonserver.log").toAbsolutePath());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + axonServerHttpPort + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private Process launch(String name, String jar, int port, LocalPostgres postgres, String... extra) {
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable jar of " + name + " not found (" + jar + "): run through Maven");
        }
        boolean axon = engine() == Engine.AXON_SERVER;
        List<String> command = new ArrayList<>(List.of(
                // The heap and class-metadata limits ./run.sh starts each application with.
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:MaxMetaspaceSize=256m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=" + port,
                "--spring.profiles.active=" + (axon ? "axonserver,embedded" : "embedded"),
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + LocalPostgres.USER,
                // Keys cached far longer than any test: an erasure must take effect without waiting for the cache.
                "--daiban.privacy.key-cache-ttl=1h"));
        command.addAll(List.of(extra));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            if (axon) {
                // The same variables docker-compose.yml sets.
                builder.environment().put("AXONSERVER_HOST", "localhost");
                builder.environment().put("AXONSERVER_GRPC_PORT", String.valueOf(axonServerGrpcPort));
            }
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private void awaitHealthy(Process process, int port, String name) {
        HttpClient client = HttpClient.newHttpClient();
        await(name + " ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log").toAbsolutePath());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (axonServer != null) {
            // The whole process tree, last (the applications are gone).
            axonServer.descendants().forEach(ProcessHandle::destroy);
            axonServer.destroy();
            if (!axonServer.waitFor(30, TimeUnit.SECONDS)) {
                axonServer.descendants().forEach(ProcessHandle::destroyForcibly);
                axonServer.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(axonServerDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
        running = null;
    }
}

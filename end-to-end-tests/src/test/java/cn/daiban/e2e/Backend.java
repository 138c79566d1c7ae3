package cn.daiban.e2e;

import cn.daiban.localpg.LocalPostgres;
import cn.daiban.localpg.TestPostgres;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The whole backend as a newcomer runs it: one real PostgreSQL, the command side and the query side started from
 * their runnable jars as separate processes, spoken to over HTTP only. Started once for all end-to-end tests and
 * stopped when they are done.
 */
public final class Backend implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static Backend running;

    private final List<Process> processes = new ArrayList<>();
    private final Path logs;
    private LocalPostgres postgres;
    private Process querySide;
    private int queryStarts;
    private Process commandSide;
    private int commandStarts;
    private Process secondCommandSide;
    private int commandPort;
    private int queryPort;

    private Backend() {
        try {
            logs = Files.createDirectories(Path.of("target", "e2e-logs"));
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
            if (running == null) {
                Backend backend = new Backend();
                backend.start();
                running = backend;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Backend.class.getName(), backend);
            }
        }
    }

    private void start() {
        postgres = TestPostgres.server();
        commandPort = freePort();
        queryPort = freePort();
        startCommandSideProcess();
        // The query side follows the command side's event table: start it once that schema exists.
        startQuerySide();
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

    private Process launch(String name, String jar, int port, LocalPostgres postgres, String... extra) {
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable jar of " + name + " not found (" + jar + "): run through Maven");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", jar, "--server.port=" + port, "--spring.profiles.active=embedded",
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + LocalPostgres.USER,
                // Keys cached far longer than any test: an erasure must take effect without waiting for the cache.
                "--daiban.privacy.key-cache-ttl=1h"));
        command.addAll(List.of(extra));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile())
                    .start();
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
        running = null;
    }
}

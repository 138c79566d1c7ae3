package cn.daiban.localpg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database {@code ./run.sh} starts keeps people's data: it must write durably. This starts the runnable jar
 * the way run.sh does ({@code java -jar local-postgres-exec.jar --data-dir DIR --port N}) and asks the server.
 */
class LocalPostgresServerIT {

    @TempDir
    Path dataRoot;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy(); // SIGTERM, as run.sh's Ctrl-C: the shutdown hook stops PostgreSQL
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theDatabaseOfRunShKeepsFsyncSynchronousCommitAndFullPageWritesOn() throws Exception {
        String jar = System.getProperty("local-postgres.exec-jar");
        assertThat(jar).as("the failsafe configuration names the runnable jar").isNotBlank();
        assertThat(Path.of(jar)).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path dataDir = dataRoot.resolve("postgres");
        int port = freePort();

        server = new ProcessBuilder(List.of(java, "-jar", jar, "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(dataRoot.resolve("postgres.log").toFile())
                .start();

        Path ready = dataRoot.resolve("postgres.ready");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(ready) || !server.isAlive());
        assertThat(server.isAlive()).as("the server process runs; its log: %s", log()).isTrue();
        String url = Files.readString(ready).trim();
        assertThat(url).isEqualTo("jdbc:postgresql://localhost:" + port + "/" + LocalPostgres.DATABASE);

        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "")) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void theThrowAwayTestDatabaseIsTheOnlyOneThatRelaxesDurability() throws Exception {
        // The contrast that makes the test above meaningful: the library's own defaults are not durable.
        try (LocalPostgres relaxed = LocalPostgres.start(dataRoot.resolve("relaxed"), 0, false,
                LocalPostgres.Durability.RELAXED_FOR_TESTS);
             Connection connection = DriverManager.getConnection(relaxed.jdbcUrl(), LocalPostgres.USER, "")) {
            assertThat(show(connection, "fsync")).isEqualTo("off");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("off");
        }
    }

    /**
     * The outage drills stop the throw-away database and start it again. At the JVM's exit the restarted server is
     * stopped by two shutdown hooks at once (the embedded server's own and ours, which then deletes the folder): the
     * deletion used to meet a server still stopping and leave the whole data folder (about 50 MB) in the temporary
     * directory, in about half of the runs. Three JVMs in turn, each folder gone when its JVM has exited.
     */
    @Test
    void aThrowAwayDatabaseStartedAgainIsDeletedWhenItsJvmExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int run = 1; run <= 3; run++) {
            Path dataDir = dataRoot.resolve("restarted-" + run);
            Path output = dataRoot.resolve("restarted-" + run + ".log");
            Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    RestartThenExit.class.getName(), dataDir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!child.waitFor(3, TimeUnit.MINUTES)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                throw new AssertionError("the JVM did not exit; its output: " + Files.readString(output));
            }
            assertThat(child.exitValue()).as("its output: %s", Files.readString(output)).isZero();
            assertThat(dataDir).as("run %d; its output: %s", run, Files.readString(output)).doesNotExist();
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private String log() {
        try {
            return Files.readString(dataRoot.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package cn.daiban.localpg;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an outage drill does to the throw-away database, in a JVM of its own: start it in the folder given, stop it,
 * start it again, and exit with the server running. {@link LocalPostgresServerIT} then looks for the folder.
 */
public final class RestartThenExit {

    private RestartThenExit() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        LocalPostgres server = LocalPostgres.start(dataDirectory, 0, false, LocalPostgres.Durability.RELAXED_FOR_TESTS);
        server.stop();
        server.startAgain();
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            throw new IllegalStateException("the restarted server is not running in " + dataDirectory);
        }
        System.exit(0); // the shutdown hooks stop the server and delete its folder
    }
}

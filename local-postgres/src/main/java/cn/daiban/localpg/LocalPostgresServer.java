package cn.daiban.localpg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link LocalPostgres} as a process of its own, for {@code ./run.sh}:
 * {@code java -jar local-postgres-exec.jar --data-dir .data/postgres --port 54329}.
 * It writes {@code <data-dir>/../postgres.ready} once the database accepts connections and stops PostgreSQL
 * cleanly on SIGINT / SIGTERM.
 */
public final class LocalPostgresServer {

    private LocalPostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(".data/postgres");
        int port = 54329;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --data-dir DIR, --port N)");
            }
        }
        Path ready = dataDir.toAbsolutePath().getParent().resolve("postgres.ready");
        Files.deleteIfExists(ready);

        // Kept data that people work with: fsync, synchronous_commit and full_page_writes stay on.
        LocalPostgres postgres = LocalPostgres.start(dataDir, port, true, LocalPostgres.Durability.DURABLE);
        CountDownLatch stopped = new CountDownLatch(1);
        Path readyFile = ready;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
            } catch (Exception ignored) {
                // nothing to clean up then
            }
            postgres.close();
            stopped.countDown();
        }, "local-postgres-stop"));

        Files.writeString(ready, postgres.jdbcUrl());
        System.out.println("PostgreSQL ready at " + postgres.jdbcUrl() + " (data in " + dataDir.toAbsolutePath() + ")");
        stopped.await();
    }
}

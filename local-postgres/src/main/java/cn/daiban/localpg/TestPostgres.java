package cn.daiban.localpg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One throw-away PostgreSQL per test JVM, started on first use and stopped when the JVM exits.
 * Integration tests point Spring's datasource at {@link #jdbcUrl()}.
 *
 * <p>This is the one place where durability is relaxed ({@link LocalPostgres.Durability#RELAXED_FOR_TESTS}:
 * fsync, synchronous_commit and full_page_writes off) for speed: the data folder is thrown away anyway.
 * {@code ./run.sh} ({@link LocalPostgresServer}) always runs durably.
 */
public final class TestPostgres {

    private static volatile LocalPostgres instance;

    private TestPostgres() {
    }

    public static String jdbcUrl() {
        return server().jdbcUrl();
    }

    public static String user() {
        return LocalPostgres.USER;
    }

    public static synchronized LocalPostgres server() {
        if (instance == null) {
            try {
                // The folder itself is the data folder, which the server deletes when it stops at the JVM's exit: a
                // folder around it was left behind, empty, by every test JVM.
                Path dir = Files.createTempDirectory("daiban-test-pg");
                instance = LocalPostgres.start(dir, 0, false, LocalPostgres.Durability.RELAXED_FOR_TESTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }
}

package cn.daiban.localpg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One throw-away PostgreSQL per test JVM, started on first use and stopped when the JVM exits.
 * Integration tests point Spring's datasource at {@link #jdbcUrl()}.
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
                Path dir = Files.createTempDirectory("daiban-test-pg");
                instance = LocalPostgres.start(dir.resolve("data"), 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }
}

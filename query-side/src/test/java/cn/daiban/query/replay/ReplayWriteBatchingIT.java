package cn.daiban.query.replay;

import cn.daiban.query.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writes a replay holds back reach PostgreSQL in their order, a read in between sees them, and a write that
 * fails is told of the unit (the event) whose handler made it, even when it was sent together with others.
 */
class ReplayWriteBatchingIT extends PostgresIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theApplicationsTemplateIsTheBatchingOne() {
        assertThat(jdbc).isInstanceOf(ReplayWriteBatching.class);
    }

    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void heldBackWritesKeepTheirOrderAndAReadSeesThem(boolean ahead) {
        ReplayWriteBatching batching = (ReplayWriteBatching) jdbc;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table held (id int primary key, value text) on commit drop");
            List<String> seen = batching.heldBack(() -> {
                batching.update("insert into held (id, value) values (?, ?)", 1, "a");
                batching.update("update held set value = value || ? where id = ?", "b", 1);
                batching.endOf("first");
                batching.update("insert into held (id, value) values (?, ?) on conflict (id) do nothing", 1, "x");
                batching.update("update held set value = value || ? where id = ?", "c", 1);
                // Nothing has been sent yet: fewer than a round trip's worth. A read sends it first.
                List<String> read = jdbc.queryForList("select value from held order by id", String.class);
                batching.update("insert into held (id, value) values (?, ?)", 2, "d");
                batching.endOf("second");
                return read;
            }, ahead);
            assertThat(seen).containsExactly("abc");
            // The end of the held-back work sent the rest.
            assertThat(jdbc.queryForList("select id || value from held order by id", String.class))
                    .containsExactly("1abc", "2d");
        });
    }

    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aFailingWriteNamesTheUnitThatMadeIt(boolean ahead) {
        withHeld(batching -> {
            assertThatThrownBy(() -> batching.heldBack(() -> {
                batching.update("insert into held (id, value) values (?, ?)", 1, "a");
                batching.endOf("event-1");
                batching.update("insert into held (id, value) values (?, ?)", 2, null);
                batching.endOf("event-2");
                batching.update("insert into held (id, value) values (?, ?)", 3, "c");
                batching.endOf("event-3");
                batching.send();
                return null;
            }, ahead)).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-2");
                assertThat(failure).hasMessageContaining("null value");
            });
        });
    }

    /**
     * A read in a handler sends the writes held back so far, the handler's own among them: one of those that fails
     * names the unit being handled (as a settling of counters in the commissioning's handler sends its insert).
     */
    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aWriteSentByAReadInItsOwnHandlerNamesTheUnitBeingHandled(boolean ahead) {
        withHeld(batching -> {
            assertThatThrownBy(() -> batching.heldBack(() -> {
                batching.startOf("event-1");
                for (int id = 1; id <= ReplayWriteBatching.STATEMENTS_PER_ROUND_TRIP; id++) {
                    batching.update("insert into held (id, value) values (?, ?)", -id, "a");
                }
                batching.endOf("event-1"); // a full round trip: sent ahead when the replay allows it
                batching.startOf("event-2");
                batching.update("insert into held (id, value) values (?, ?)", 2, null);
                return jdbc.queryForList("select value from held", String.class); // in event-2's handler
            }, ahead)).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-2");
                assertThat(failure).hasMessageContaining("null value");
            });
        });
    }

    /** Runs {@code test} in a transaction rolled back at its end, with a table {@code held} whose value is required. */
    private void withHeld(Consumer<ReplayWriteBatching> test) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table held (id int primary key, value text not null) on commit drop");
            test.accept((ReplayWriteBatching) jdbc);
        });
    }

    private static final String ADD = "insert into tally as t (station, shard, opened, closed) values (?, ?, ?, ?) "
            + "on conflict (station, shard) do update set opened = t.opened + excluded.opened, "
            + "closed = t.closed + excluded.closed";

    /** Runs {@code test} in a transaction rolled back at its end, with a counter table {@code tally}. */
    private void withTally(String closedCheck, Consumer<ReplayWriteBatching> test) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table tally (station text, shard int, opened bigint, closed bigint "
                    + closedCheck + ", primary key (station, shard)) on commit drop");
            test.accept((ReplayWriteBatching) jdbc);
        });
    }

    /**
     * A replay's counter rows add up to what the writes one by one would have left, sent as one write per row, and
     * a later write naming their table sees them first; outside a replay each write is sent at once.
     */
    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void countersWrittenDuringAReplayAddUpToOneWritePerRow(boolean ahead) {
        withTally("", batching -> {
            jdbc.execute("create temporary table other (id int primary key) on commit drop");
            batching.updateAdding("tally", ADD, 2, "S1", 0, 5L, 0L);
            assertThat(jdbc.queryForObject("select opened from tally where station = 'S1'", Long.class))
                    .as("outside a replay: at once").isEqualTo(5L);

            List<String> whileHeld = batching.heldBack(() -> {
                for (int event = 0; event < 1_000; event++) {
                    batching.updateAdding("tally", ADD, 2, "S1", 0, 1L, event % 2 == 0 ? 0L : 1L);
                    batching.updateAdding("tally", ADD, 2, "S2", event % 2, 1, 0);
                    batching.update("insert into other (id) values (?)", event);
                    batching.endOf("event-" + event);
                }
                // A read of other tables sends the other writes, not the counters (nothing read is made of them).
                assertThat(jdbc.queryForObject("select count(*) from other", Long.class)).isEqualTo(1_000L);
                List<String> read = jdbc.queryForList("select station || shard || ':' || opened || '/' || closed "
                        + "from tally order by 1", String.class);
                // A write naming the table sends the merged rows first.
                batching.update("update tally set opened = opened * 10 where station = ?", "S2");
                return read;
            }, ahead);

            assertThat(whileHeld).containsExactly("S10:5/0");
            assertThat(jdbc.queryForList("select station || shard || ':' || opened || '/' || closed from tally "
                    + "order by 1", String.class)).containsExactly("S10:1005/500", "S20:5000/0", "S21:5000/0");
            // One write of each sum, not a thousand per row: S1's row once, then the two rows of S2 by the update.
            assertThat(jdbc.queryForObject("select n_tup_upd from pg_stat_xact_user_tables where relname = 'tally'",
                    Long.class)).isEqualTo(3L);
        });
    }

    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void manyPendingCounterRowsAreSentWithoutWaitingForTheEnd(boolean ahead) {
        withTally("", batching -> {
            long sentBeforeTheEnd = batching.heldBack(() -> {
                for (int row = 0; row <= ReplayWriteBatching.ADDED_ROWS_HELD; row++) {
                    batching.updateAdding("tally", ADD, 2, "S" + row, 0, 1L, 0L);
                    batching.endOf("event-" + row);
                }
                return jdbc.queryForObject("select count(*) from tally", Long.class);
            }, ahead);
            assertThat(sentBeforeTheEnd).isEqualTo(ReplayWriteBatching.ADDED_ROWS_HELD);
            assertThat(jdbc.queryForObject("select count(*) from tally", Long.class))
                    .isEqualTo(ReplayWriteBatching.ADDED_ROWS_HELD + 1L);
        });
    }

    /** A merged row sums many events' writes: its failure names none of them. */
    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aFailingCounterRowNamesNoEvent(boolean ahead) {
        withTally("check (closed >= 0)", batching -> {
            assertThatThrownBy(() -> batching.heldBack(() -> {
                batching.updateAdding("tally", ADD, 2, "S1", 0, 1L, 0L);
                batching.endOf("event-1");
                batching.updateAdding("tally", ADD, 2, "S1", 0, 0L, -1L);
                batching.endOf("event-2");
                return null;
            }, ahead)).isInstanceOf(ReplayWriteBatching.MergedRowsFailedException.class)
                    .hasMessageContaining("closed");
        });
    }

    private static final String PREPARED = "select count(*), coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) "
            + "from pg_prepared_statements where name like 'daiban\\_replay\\_%'";

    /**
     * The held-back texts never repeat, so each statement is prepared once for the replay and PostgreSQL plans it
     * once, not at every write (without that, all 2,000 writes below were planned afresh); the replay's prepared
     * statements are gone from the pooled session after it.
     */
    @Test
    void eachHeldBackStatementIsPlannedOnceNotAtEveryWrite() {
        withTally("", batching -> {
            // A replay that failed earlier in this pooled session may have left its statements (they stay unused).
            long[] before = jdbc.queryForObject(PREPARED, (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
            long[] during = batching.heldBack(() -> {
                for (int event = 0; event < 1_000; event++) {
                    batching.update("insert into tally (station, shard, opened, closed) values (?, ?, ?, ?)",
                            "S" + event, 0, event, 0L);
                    batching.update("update tally set closed = closed + ? where station = ? and shard = ?", 1L,
                            "S" + event, 0);
                    batching.endOf("event-" + event);
                }
                return jdbc.queryForObject(PREPARED, (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
            });
            assertThat(during[0] - before[0]).as("statements prepared").isEqualTo(2);
            assertThat(during[1] - before[1] + during[2] - before[2]).as("executions").isEqualTo(2_000);
            assertThat(during[2] - before[2]).as("executions planned afresh").isLessThanOrEqualTo(10);
            long after = jdbc.queryForObject(PREPARED, (rs, n) -> rs.getLong(1));
            assertThat(after).as("left prepared after").isEqualTo(before[0]);
            assertThat(jdbc.queryForObject("select sum(opened) || '/' || sum(closed) || '/' || count(*) from tally",
                    String.class)).isEqualTo(999 * 1_000 / 2 + "/1000/1000");
        });
    }

    /** A statement PostgreSQL will not prepare (it cannot tell a parameter's type) is sent as it is, and applied. */
    @Test
    void aStatementPostgresWillNotPrepareIsSentAsItIs() {
        withTally("", batching -> {
            batching.heldBack(() -> {
                batching.update("insert into tally (station, shard, opened, closed) select ?, 0, 1, 0 where ? is not null",
                        "S1", "present");
                batching.update("update tally set closed = closed + ? where station = ?", 2L, "S1");
                batching.endOf("event-1");
                return null;
            });
            assertThat(jdbc.queryForObject("select opened || '/' || closed from tally where station = 'S1'",
                    String.class)).isEqualTo("1/2");
        });
    }

    /**
     * A row written through a prepared statement's {@code execute} (its values written out as literals) is the row
     * the same statement writes with parameters, for every kind of value {@code SqlLiterals} writes out, hostile
     * text included ({@code SqlLiteralsTest}: a timestamp in a JVM zone that is not UTC).
     */
    @Test
    void aRowWrittenThroughItsPreparedStatementIsTheRowWrittenWithParameters() {
        ReplayWriteBatching batching = (ReplayWriteBatching) jdbc;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("""
                    create temporary table kinds (id int primary key, t text, v varchar(200), j jsonb, a text[],
                        tz timestamptz, ts timestamp, d date, b boolean, i int, l bigint, n numeric, s smallint,
                        u uuid, c char(8), bi numeric, by smallint) on commit drop""");
            String insert = "insert into kinds (id, t, v, j, a, tz, ts, d, b, i, l, n, s, u, c, bi, by) "
                    + "values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            String hostile = "it's a \\ back'slash\\' E'x' ''); drop table kinds; -- $$ $t$ \"q\" ? ?? 中文 😀\n\tend\\";
            java.sql.Timestamp half = java.sql.Timestamp.from(java.time.Instant.parse("2026-12-03T16:59:59.123456500Z"));
            List<Object[]> rows = List.of(
                    new Object[]{0, hostile, hostile, "{\"k\": \"" + "a'b\\\\c \\\"d\\\"" + "\", \"n\": null}",
                            new String[]{hostile, null, "", "NULL", "{}", "a,b"}, half, half,
                            java.sql.Date.valueOf("2026-02-28"), true, -7, Long.MAX_VALUE,
                            new java.math.BigDecimal("12345678901234567890.000001"), (short) 3,
                            java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "ab'\\",
                            new java.math.BigInteger("123456789012345678901234567890"), (byte) -5},
                    new Object[]{0, null, null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null},
                    new Object[]{0, "", "", "[]", new String[0],
                            java.sql.Timestamp.from(java.time.Instant.parse("1999-12-31T23:59:59Z")),
                            java.sql.Timestamp.from(java.time.Instant.parse("2026-06-01T00:00:00.999999999Z")),
                            java.sql.Date.valueOf("2000-01-01"), false, 0, 0L, java.math.BigDecimal.ZERO, (short) 0,
                            null, "12345678", java.math.BigInteger.ZERO, (byte) 0});
            for (int row = 0; row < rows.size(); row++) {
                Object[] args = rows.get(row).clone();
                args[0] = 2 * row;
                jdbc.update(insert, args); // with parameters
                Object[] held = rows.get(row).clone();
                held[0] = 2 * row + 1;
                long prepared = batching.heldBack(() -> {
                    batching.update(insert, held); // through the prepared statement
                    batching.endOf("event");
                    batching.send();
                    // Executed once: the row went through it, not with parameters beside it.
                    return jdbc.queryForObject("select sum(generic_plans + custom_plans) from pg_prepared_statements "
                            + "where name like 'daiban\\_replay\\_%' and statement like '%into kinds%'", Long.class);
                });
                assertThat(prepared).as("row %s went through its prepared statement", row).isEqualTo(1);
            }
            assertThat(jdbc.queryForList("""
                            select p.id from kinds p join kinds e on e.id = p.id + 1
                            where p.id % 2 = 0 and (p.t, p.v, p.j, p.a, p.tz, p.ts, p.d, p.b, p.i, p.l, p.n, p.s, p.u, p.c,
                                    p.bi, p.by)
                                is not distinct from (e.t, e.v, e.j, e.a, e.tz, e.ts, e.d, e.b, e.i, e.l, e.n, e.s, e.u, e.c,
                                    e.bi, e.by)""",
                    Integer.class)).containsExactly(0, 2, 4);
            assertThat(jdbc.queryForObject("select t from kinds where id = 1", String.class)).isEqualTo(hostile);
            assertThat(jdbc.queryForObject("select c from kinds where id = 5", String.class)).isEqualTo("12345678");
        });
    }

    private static final String GATHERED = "insert into tally (station, shard, opened, closed) select * from "
            + "unnest(cast(? as text[]), cast(? as int[]), cast(? as bigint[]), cast(? as bigint[]))";
    private static final String ONE_ROW = "insert into tally (station, shard, opened, closed) values (?, ?, ?, ?)";

    /**
     * Rows a projection gathered from many events go in one statement; when it fails, they are written one by one,
     * and the failure names the event of the row that failed (a rebuild can then name and evict it), not the event
     * being handled when they were written.
     */
    @ParameterizedTest(name = "sent ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aGatheredRowThatFailsNamesTheUnitItCameFrom(boolean ahead) {
        withTally("check (closed >= 0)", batching -> {
            batching.heldBack(() -> {
                batching.startOf("event-0");
                assertThat(batching.unitBeingHandled()).isEqualTo("event-0");
                batching.updateGathered("tally rows", GATHERED, new Object[]{new String[]{"A", "B"},
                        new Integer[]{0, 0}, new Long[]{1L, 2L}, new Long[]{0L, 0L}}, List.of("event-a", "event-b"),
                        ONE_ROW, i -> new Object[]{i == 0 ? "A" : "B", 0, i + 1L, 0L});
                return null;
            }, ahead);
            assertThat(jdbc.queryForList("select station || opened from tally order by 1", String.class))
                    .containsExactly("A1", "B2");
            assertThatThrownBy(() -> batching.heldBack(() -> {
                batching.startOf("event-3");
                batching.update("update tally set opened = opened + 1 where station = ?", "A");
                batching.updateGathered("tally rows", GATHERED, new Object[]{new String[]{"S1", "S2", "S3"},
                                new Integer[]{0, 0, 0}, new Long[]{1L, 1L, 1L}, new Long[]{0L, -1L, 0L}},
                        List.of("event-1", "event-2", "event-3"), ONE_ROW,
                        i -> new Object[]{"S" + (i + 1), 0, 1L, i == 1 ? -1L : 0L});
                return null;
            }, ahead)).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-2");
                assertThat(failure).hasMessageContaining("closed");
            });
        });
    }

    /**
     * Sent ahead, a full round trip runs while the replay goes on: here it waits for a row another transaction holds
     * locked, and the replay has meanwhile returned from the event that sent it and handled the next one; once the
     * lock goes, the end of the replay waits for it, and everything is written in order. (Sent on the spot, the
     * replay would wait at that event until the lock went: the wait below would find no round trip waiting.)
     */
    @Test
    void aRoundTripSentAheadRunsWhileTheReplayGoesOn() throws Exception {
        String table = "replay_ahead_probe";
        jdbc.execute("create table " + table + " (id int primary key, value int not null)");
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = null;
        try {
            jdbc.update("insert into " + table + " (id, value) values (0, 0)");
            holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.query("select 1 from " + table + " where id = 0 for update", rs -> {
                });
                locked.countDown();
                try {
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS); // a bound, should the test fail
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), "lock-holder");
            holder.start();
            assertThat(locked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ReplayWriteBatching batching = (ReplayWriteBatching) jdbc;
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                status.setRollbackOnly();
                batching.heldBack(() -> {
                    for (int i = 0; i < ReplayWriteBatching.STATEMENTS_PER_ROUND_TRIP; i++) {
                        batching.update("update " + table + " set value = value + ? where id = 0", 1);
                    }
                    batching.endOf("event-1"); // a full round trip: sent ahead, it waits for the lock
                    batching.update("update " + table + " set value = value * ? where id = 0", 10);
                    batching.endOf("event-2");
                    // Back here, two events on, while PostgreSQL runs the first event's round trip.
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(replayWritesWaitingForALock()).as("a round trip waiting for the lock")
                                    .isEqualTo(1));
                    release.countDown();
                    return null;
                }, true);
                assertThat(jdbc.queryForObject("select value from " + table + " where id = 0", Integer.class))
                        .isEqualTo(ReplayWriteBatching.STATEMENTS_PER_ROUND_TRIP * 10);
            });
        } finally {
            release.countDown(); // also when the test failed, so the table can go at once
            if (holder != null) {
                holder.join(30_000);
            }
            jdbc.execute("drop table if exists " + table);
        }
    }

    /**
     * A round trip sent ahead that fails while the replay then fails for another reason (a handler's exception, a
     * stalled stream) is the failure named: its writes came from earlier events. The later one is kept beside it.
     */
    @Test
    void aFailureSentAheadIsNamedBeforeALaterFailureOfTheReplay() {
        withHeld(batching -> {
            assertThatThrownBy(() -> batching.heldBack(() -> {
                for (int event = 0; event < ReplayWriteBatching.STATEMENTS_PER_ROUND_TRIP + 20; event++) {
                    batching.startOf("event-" + event);
                    batching.update("insert into held (id, value) values (?, ?)", event, event == 200 ? null : "v");
                    batching.endOf("event-" + event);
                }
                throw new IllegalStateException("a later handler failed");
            }, true)).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-200");
                assertThat(failure.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("a later handler failed");
            });
        });
    }

    /** Sessions waiting for a lock in a replay's prepared write (read on a connection of its own). */
    private int replayWritesWaitingForALock() {
        try (java.sql.Connection own = jdbc.getDataSource().getConnection();
             java.sql.PreparedStatement statement = own.prepareStatement("select count(*) from pg_stat_activity "
                     + "where wait_event_type = 'Lock' and query like 'execute daiban\\_replay\\_%'")) {
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A write that fails in a round trip sent ahead is found when the replay next waits for it, events later, and
     * still names the event that made it, not one handled since.
     */
    @Test
    void aFailingWriteSentAheadNamesTheUnitThatMadeIt() {
        withHeld(batching -> {
            int events = ReplayWriteBatching.STATEMENTS_PER_ROUND_TRIP + 50;
            int[] handled = new int[1];
            assertThatThrownBy(() -> batching.heldBack(() -> {
                for (int event = 0; event < events; event++) {
                    batching.update("insert into held (id, value) values (?, ?)", event, event == 200 ? null : "v");
                    batching.endOf("event-" + event);
                    handled[0]++;
                }
                return null;
            }, true)).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-200");
                assertThat(failure).hasMessageContaining("null value");
            });
            // Sent on the spot, the failure would have stopped the replay at the event that sent the round trip.
            assertThat(handled[0]).as("events handled before the failure was found").isEqualTo(events);
        });
    }
}

package cn.daiban.query.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.StatementCallback;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The application's {@link JdbcTemplate}, which can hold back the plain writes ({@code update(sql, args…)}) a
 * replay makes on its thread and send them to PostgreSQL together: one statement text made of the held-back
 * statements joined by {@code ;}, with their arguments in order. The PostgreSQL driver sends every part of such a
 * text in one round trip (one Sync), each part with its own parameters. A rebuild or a point-in-time view used to
 * wait for one round trip per written row (two or three per event, and on a busy machine each is a wake-up of the
 * server and of the replay); now it waits for one per {@link #STATEMENTS_PER_ROUND_TRIP} writes, or fewer when a
 * handler reads. Such texts never repeat, so each statement is prepared in the session once per replay and the
 * texts are made of its {@code execute}s: PostgreSQL plans it once, not at every write ({@link #part}).
 *
 * <p>Order is kept: anything else done through this template on that thread (a query, a batch, a call) first
 * sends what is held back (except merged counter rows, below), so a handler reads its own writes (found where the
 * template asks for its data source, which every way through it does). A held-back {@code update} answers 1
 * (assumption, checked when this was written: no projection a replay batches uses the count an update answers).
 * Only writes through this template are held back: a projection that also writes through JPA must not be batched
 * (its JPA queries would not see the held-back rows), so {@link ProjectionRebuilds} batches only the JDBC-only ones.
 * Outside {@link #heldBack(Supplier)} nothing is held back.
 *
 * <p>Additive upserts ({@link #updateAdding}: counters, each write adding its numbers to a row) are merged while
 * held back: the writes of one row add up to one write, sent at the end of the replay, when
 * {@link #ADDED_ROWS_HELD} rows are pending, or before a held-back write that names their table. Why: a replay is
 * one transaction, and a counter row updated once per event (a station's open matters, by every event of every
 * matter there) grows a chain of row versions PostgreSQL cannot prune before the commit and walks on each update:
 * the delegations rebuild spent most of its database time there, more per event the longer it ran. Assumption,
 * checked when this was written: a replay's handlers never read the counter tables (they read the rows the
 * counters are derived from), so sending the merged rows later changes nothing they see; and the counter tables
 * are written only through {@code updateAdding} and {@code update} (a write by another way through the template,
 * a batch or a call, would not wait for the merged rows).
 *
 * <p>A replay that reads its events elsewhere (a rebuild, {@link PrefetchedEvents}) can have its writes sent ahead
 * ({@link #heldBack(Supplier, boolean)}): a full round trip goes to PostgreSQL from a sender thread, on the replay's
 * connection, while the replay goes on handling the next events; the replay waits for it before it sends the next one
 * and before anything else it does through this template. So PostgreSQL executes one round trip while the replay
 * makes the next, instead of each waiting for the other (a rebuild's thread and its PostgreSQL backend took about
 * the same time, one after the other). The connection is never used by two threads at once: whatever this thread
 * does through the template waits first. A failure of writes sent ahead is found at that wait and handled as if
 * they had just been sent: back to their savepoint, sent again unit by unit, so it names the unit whose write failed.
 */
public class ReplayWriteBatching extends JdbcTemplate {

    private static final Logger log = LoggerFactory.getLogger(ReplayWriteBatching.class);

    /** How many held-back statements make a round trip (fewer when the replay reads, or at its end). */
    static final int STATEMENTS_PER_ROUND_TRIP = 400;

    /** How many merged counter rows are held before they are sent (each a few hundred bytes). */
    static final int ADDED_ROWS_HELD = 5_000;

    private record Write(String sql, Object[] args) {
    }

    /**
     * A round trip sent ahead, and what to do on the replay's thread should it fail: {@code recovery} is given the
     * failure, puts the transaction back in order as a round trip sent on the spot would have, and answers the
     * failure to throw.
     */
    private record InFlight(Future<?> done, UnaryOperator<RuntimeException> recovery) {
    }

    /** A joined statement text and its parameters, in order. */
    private record Together(String sql, Object[] args) {
    }

    /** What one thread holds back: the writes, where each unit (an event) ends among them, and the merged rows. */
    private static final class Held {
        final List<Write> writes = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
        final List<Object> units = new ArrayList<>();
        /** The merged rows: per table, per statement text, per row (its key arguments), the arguments summed. */
        final Map<String, Map<String, Map<List<Object>, Object[]>>> adding = new LinkedHashMap<>();
        int addedRows;
        /** What the replay's handlers keep for its duration ({@link #replayScoped}). */
        final Map<Object, Object> scoped = new java.util.HashMap<>();
        /** What runs before {@link #send()} sends ({@link #beforeSending}). */
        final List<Runnable> settlers = new ArrayList<>();
        boolean settling;
        /** Per statement text, the name it is prepared under in this replay ({@link #part}); null: sent as it is. */
        final Map<String, String> preparedFor = new HashMap<>();
        /** The statements this replay prepared, deallocated at its end. */
        final List<String> prepared = new ArrayList<>();
        /** Whether the savepoint {@code replay_prepared} is set ({@link #prepareAll}). */
        boolean marked;
        /** The unit being handled ({@link #startOf}). */
        Object current;
        /** Whether {@link #current} has ended ({@link #endOf}): writes made since are no unit's. */
        boolean currentEnded;
        /** Whether full round trips may be sent ahead ({@link #heldBack(Supplier, boolean)}). */
        boolean ahead;
        /** The round trip sent ahead and not yet waited for; null: none. */
        InFlight inFlight;
    }

    /**
     * The threads that send round trips ahead, one at a time per replay (a cached pool: the rebuild's worker is
     * one thread, so one sender is busy at most, and it ends a minute after the last replay).
     */
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "replay-sender");
        thread.setDaemon(true);
        return thread;
    });

    /** Names of prepared statements: unique in the process, so a replay never meets another's. */
    private static final AtomicLong NAMES = new AtomicLong();

    /** The statements PostgreSQL can prepare (a held-back text that is anything else is sent as it is). */
    private static final Pattern PREPARABLE = Pattern.compile("\\s*(insert|update|delete|with|select|merge)\\b",
            Pattern.CASE_INSENSITIVE);

    /** A held-back write of {@code unit} (the event whose handler made it) failed when it was sent. */
    public static final class UnitFailedException extends RuntimeException {
        private final transient Object unit;

        UnitFailedException(Object unit, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.unit = unit;
        }

        /** The unit whose write failed, as given to {@link #endOf(Object)}; null for writes after the last unit. */
        public Object unit() {
            return unit;
        }
    }

    /**
     * A merged counter row ({@link #updateAdding}) failed when it was sent. It sums the writes of many events, so no
     * one event is named: evicting the event being handled then would be evicting an innocent one.
     */
    public static final class MergedRowsFailedException extends RuntimeException {
        /** Also for a projection's counters settled in bulk ({@link #beforeSending}): no one event to name. */
        public MergedRowsFailedException(RuntimeException cause) {
            this("counter rows summed over many events", cause);
        }

        MergedRowsFailedException(String what, RuntimeException cause) {
            super(what + " could not be written: " + cause.getMessage(), cause);
        }
    }

    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    public ReplayWriteBatching(DataSource dataSource) {
        super(dataSource);
    }

    /**
     * Runs {@code work} holding back this thread's writes until {@link #send()} or the end of {@code work} (where
     * they are sent: nothing held back is ever lost, and a failure to send is the work's failure). Assumption: the
     * work runs in one transaction (the writes are sent through its connection, under a savepoint), which its caller
     * rolls back when the work fails (a rebuild does; a point-in-time view always rolls back): a failed replay goes
     * back to the savepoint set before its first {@code PREPARE} to deallocate its statements, which undoes its
     * writes from there on, so a caller that committed after a failure would commit part of a replay.
     */
    public <T> T heldBack(Supplier<T> work) {
        return heldBack(work, false);
    }

    /**
     * {@link #heldBack(Supplier)}, with full round trips sent ahead when {@code ahead} (see the class comment).
     * Assumption, the caller's to keep: nothing else uses the transaction's connection on this thread meanwhile
     * except through this template (a replay that reads its events through Axon's engine on this thread would use
     * it behind the template's back: it reads them on a thread of its own instead, {@link PrefetchedEvents}).
     * Outside a transaction nothing is sent ahead (there would be no one connection to send it on).
     */
    public <T> T heldBack(Supplier<T> work, boolean ahead) {
        if (HELD.get() != null) {
            return work.get();
        }
        Held fresh = new Held();
        fresh.ahead = ahead && TransactionSynchronizationManager.isActualTransactionActive();
        HELD.set(fresh);
        boolean done = false;
        try {
            T result = work.get();
            send();
            done = true;
            return result;
        } catch (RuntimeException failure) {
            throw (RuntimeException) withFailureSentAhead(failure); // the earlier failure, when one was on its way
        } finally {
            Held held = HELD.get();
            if (!done) {
                awaitQuietly(held); // the work's failure stands; the connection is this thread's again
            }
            HELD.remove(); // first: what a failure left held back is dropped, not sent by the deallocation
            deallocate(held.prepared, done);
        }
    }

    /**
     * Whether this thread is in a replay that holds its writes back (a rebuild or a point-in-time view: one
     * thread, one transaction, its own temporary tables).
     */
    public boolean holdingBack() {
        return HELD.get() != null;
    }

    /**
     * An object kept for the rest of this thread's replay under {@code key} (made by {@code make} the first time),
     * or null outside a replay. It is dropped with the replay: the next one starts without it, whatever this one
     * left in it (a rebuild's worker thread is reused).
     */
    @SuppressWarnings("unchecked")
    public <T> T replayScoped(Object key, Supplier<T> make) {
        Held held = HELD.get();
        if (held == null) {
            return null;
        }
        Object kept = held.scoped.get(key);
        if (kept == null) {
            kept = make.get();
            held.scoped.put(key, kept);
        }
        return (T) kept;
    }

    /**
     * Work this thread's replay runs each time {@link #send()} is asked to send everything (before the replay's
     * view is read or its tables switched, and at its end), before it sends: a projection that defers writes of
     * its own (counters it settles in bulk) makes them there. It may read and write through this template; it is
     * not run again from within itself. Outside a replay it is not kept.
     */
    public void beforeSending(Runnable settle) {
        Held held = HELD.get();
        if (held != null) {
            held.settlers.add(settle);
        }
    }

    /**
     * Marks the end of {@code unit}'s writes (the event just handled), so a failure is told of the unit that made
     * the failing write; sends what is held back once it is {@link #STATEMENTS_PER_ROUND_TRIP} statements or more,
     * and the merged counter rows too once {@link #ADDED_ROWS_HELD} of them are pending.
     */
    public void endOf(Object unit) {
        Held held = HELD.get();
        if (held == null) {
            return;
        }
        held.currentEnded = held.currentEnded || java.util.Objects.equals(unit, held.current);
        int end = held.writes.size();
        if (held.ends.isEmpty() || held.ends.get(held.ends.size() - 1) != end) {
            held.ends.add(end);
            held.units.add(unit);
        }
        if (held.addedRows >= ADDED_ROWS_HELD) {
            sendAdded(held);
        } else if (end >= STATEMENTS_PER_ROUND_TRIP) {
            sendWrites(true);
        }
    }

    /**
     * Marks the start of {@code unit}'s handling (the event about to be handled, as {@link #endOf} will name it):
     * what a handler gathers now is told of it ({@link #unitBeingHandled}, {@link #updateGathered}).
     */
    public void startOf(Object unit) {
        Held held = HELD.get();
        if (held != null) {
            held.current = unit;
            held.currentEnded = false;
        }
    }

    /** The unit being handled ({@link #startOf}); null outside a replay. */
    public Object unitBeingHandled() {
        Held held = HELD.get();
        return held == null ? null : held.current;
    }

    /**
     * Writes rows a projection gathered from many units itself (kept in {@link #replayScoped}, written when it has
     * enough of them and from {@link #beforeSending}): {@code sql} with {@code args} writes them all in one
     * statement, sent at once after the writes held back so far (so the order is kept); {@code units} holds the unit
     * of each row, in order. Should it fail, it is undone (a savepoint) and the rows are written one by one
     * ({@code rowSql} with {@code rowArgs} of the row): a row refused for its data (SQLSTATE class 22 or 23: a value
     * too long, a constraint) is a {@link UnitFailedException} naming its unit, so a rebuild can name that event and
     * it can be evicted; any other failure (a lock timeout, a cancel, a row of no known unit), or rows that each go
     * in alone, is a {@link MergedRowsFailedException} saying {@code what} failed, naming no event rather than an
     * innocent one. Outside a replay it is {@link #update(String, Object...)}.
     */
    public void updateGathered(String what, String sql, Object[] args, List<?> units, String rowSql,
                               IntFunction<Object[]> rowArgs) {
        Held held = HELD.get();
        if (held == null) {
            super.update(sql, args);
            return;
        }
        sendWrites(true); // their failure names their event
        UnaryOperator<RuntimeException> oneByOne = together -> {
            super.execute("rollback to savepoint replay_gathered");
            for (int row = 0; row < units.size(); row++) {
                try {
                    super.update(rowSql, rowArgs.apply(row));
                } catch (RuntimeException failure) {
                    if (units.get(row) != null && refusedForItsData(failure)) {
                        return new UnitFailedException(units.get(row), failure);
                    }
                    return new MergedRowsFailedException(what, failure);
                }
            }
            return new MergedRowsFailedException(what, together);
        };
        roundTrip(held, new Together("savepoint replay_gathered;\n" + sql + ";\nrelease savepoint replay_gathered",
                args), held.ahead, oneByOne);
    }

    /** Whether PostgreSQL refused a statement for the data it was given (SQLSTATE class 22 or 23). */
    private static boolean refusedForItsData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    /**
     * An additive upsert of {@code table}: {@code args} are the row's {@code keys} key arguments followed by the
     * numbers {@code sql} adds to it (each a {@link Number}, added as a long). Outside a replay it is sent at once,
     * as {@link #update(String, Object...)} would; while held back it is merged with the earlier ones of the same
     * row (see the class comment). {@code sql} must add every number to the row ({@code x = f.x + excluded.x}),
     * so one write of the sums leaves the row as the writes one by one would.
     */
    public void updateAdding(String table, String sql, int keys, Object... args) {
        Held held = HELD.get();
        if (held == null) {
            super.update(sql, args);
            return;
        }
        Map<List<Object>, Object[]> rows = held.adding.computeIfAbsent(table, t -> new LinkedHashMap<>())
                .computeIfAbsent(sql, s -> new LinkedHashMap<>());
        List<Object> key = Arrays.asList(Arrays.copyOf(args, keys));
        Object[] sum = rows.get(key);
        if (sum == null) {
            rows.put(key, args.clone());
            held.addedRows++;
            return;
        }
        for (int i = keys; i < args.length; i++) {
            sum[i] = ((Number) sum[i]).longValue() + ((Number) args[i]).longValue();
        }
    }

    /**
     * Sends the held-back writes, then the merged rows, {@link #STATEMENTS_PER_ROUND_TRIP} to a round trip (by table,
     * then statement, then in the order each row was first written; they add up, so their order does not matter).
     * A failure of a merged row is a {@link MergedRowsFailedException}, naming no event.
     */
    private void sendAdded(Held held) {
        sendWrites(true);
        List<Write> rows = new ArrayList<>(held.addedRows);
        held.adding.values().forEach(bySql -> bySql.forEach((sql, byKey) ->
                byKey.values().forEach(args -> rows.add(new Write(sql, args)))));
        held.adding.clear();
        held.addedRows = 0;
        prepareNew(held, rows);
        for (int from = 0; from < rows.size(); from += STATEMENTS_PER_ROUND_TRIP) {
            roundTrip(held, together(held, rows.subList(from, Math.min(rows.size(), from + STATEMENTS_PER_ROUND_TRIP)),
                    false), held.ahead, MergedRowsFailedException::new);
        }
    }

    /** Before a held-back write naming a table with merged rows pending, those rows go first (order is kept). */
    private void sendAddedBefore(Held held, String sql) {
        if (held.adding.isEmpty()) {
            return;
        }
        String text = sql.toLowerCase(Locale.ROOT);
        if (held.adding.keySet().stream().anyMatch(text::contains)) {
            sendAdded(held);
        }
    }

    /**
     * Sends what this thread has held back: the writes in one round trip, under a savepoint (should that fail, it
     * goes back to the savepoint and sends the writes again unit by unit, so the failure names the unit whose write
     * failed: {@link UnitFailedException}), then the merged counter rows ({@link #sendAdded}).
     */
    public void send() {
        Held held = HELD.get();
        if (held != null && !held.settling && !held.settlers.isEmpty()) {
            held.settling = true;
            try {
                held.settlers.forEach(Runnable::run);
            } finally {
                held.settling = false;
            }
        }
        if (held != null && !held.adding.isEmpty()) {
            sendAdded(held);
        }
        sendWrites(); // and waits for what was sent ahead
    }

    /**
     * Sends the held-back writes (not the merged rows still being added to) in one round trip, under a savepoint
     * when they are of more than one unit; see {@link #send()}. Waits first for a round trip sent ahead.
     */
    private void sendWrites() {
        sendWrites(false);
    }

    /**
     * {@link #sendWrites()}; with {@code ahead}, in a replay that allows it, the round trip is sent ahead and this
     * returns before PostgreSQL has run it (from {@link #endOf}, and before merged or gathered rows, which are sent
     * ahead after it: the replay then goes on; everything else waits for what was sent).
     */
    private void sendWrites(boolean ahead) {
        Held held = HELD.get();
        if (held == null) {
            return;
        }
        if (held.writes.isEmpty()) {
            awaitSent(held);
            return;
        }
        List<Write> writes = List.copyOf(held.writes);
        List<Integer> ends = new ArrayList<>(held.ends);
        List<Object> units = new ArrayList<>(held.units);
        held.writes.clear();
        held.ends.clear();
        held.units.clear();
        if (ends.isEmpty() || ends.get(ends.size() - 1) != writes.size()) {
            // Writes no unit has ended yet: the unit being handled (a read in its handler sends them, as a
            // settling of counters does), unless that unit has ended already (then they are no handler's).
            ends.add(writes.size());
            units.add(held.currentEnded ? null : held.current);
        }
        prepareNew(held, writes); // before the savepoint below: a failure here is not a write's
        boolean savepoint = units.size() > 1;
        roundTrip(held, together(held, writes, savepoint), ahead && held.ahead, failure -> {
            if (!savepoint) {
                return units.get(0) != null ? new UnitFailedException(units.get(0), failure) : failure;
            }
            return sendUnitByUnit(writes, ends, units, failure);
        });
    }

    /** Prepares the statements of {@code writes} this replay has not met yet, once what was sent ahead is done. */
    private void prepareNew(Held held, List<Write> writes) {
        if (!writes.stream().allMatch(write -> held.preparedFor.containsKey(write.sql()))) {
            awaitSent(held);
            prepareAll(held, writes);
        }
    }

    /**
     * One round trip, sent ahead or on the spot (its text made while the one before may still run); should it fail,
     * {@code recovery} (given the failure, answering the failure to throw) runs here, at once or when the replay
     * next waits for it.
     */
    private void roundTrip(Held held, Together together, boolean ahead, UnaryOperator<RuntimeException> recovery) {
        if (ahead) {
            sendAhead(held, together, recovery);
            return;
        }
        awaitSent(held);
        try {
            execute(together);
        } catch (RuntimeException failure) {
            throw recovery.apply(failure);
        }
    }

    /**
     * Sends {@code together} ahead, on a sender thread, once the round trip before it is done (its text was made
     * meanwhile); {@code recovery} runs here, should it fail, when the replay next waits for it.
     */
    private void sendAhead(Held held, Together together, UnaryOperator<RuntimeException> recovery) {
        awaitSent(held);
        Connection connection = DataSourceUtils.getConnection(super.obtainDataSource());
        DataSourceUtils.releaseConnection(connection, super.obtainDataSource()); // stays the transaction's
        held.inFlight = new InFlight(senders.submit(() -> {
            try (PreparedStatement statement = connection.prepareStatement(together.sql())) {
                run(statement, together);
            } catch (SQLException failure) {
                throw getExceptionTranslator().translate("replay writes sent ahead", null, failure);
            }
        }), recovery);
    }

    /**
     * After a round trip of several units failed under its savepoint: back to the savepoint, the writes sent again
     * unit by unit, so that a failure names its unit ({@link UnitFailedException}); should none fail so, the first
     * failure stands.
     */
    private RuntimeException sendUnitByUnit(List<Write> writes, List<Integer> ends, List<Object> units,
                                            RuntimeException failure) {
        super.execute((StatementCallback<Void>) statement -> {
            statement.execute("rollback to savepoint replay_writes");
            return null;
        });
        int from = 0;
        for (int unit = 0; unit < units.size(); unit++) {
            sendUnit(writes.subList(from, ends.get(unit)), units.get(unit));
            from = ends.get(unit);
        }
        return failure; // sent unit by unit without a failure: the first failure stands
    }

    /**
     * Waits for the round trip sent ahead, if one is on its way; should it have failed, its failure is handled as a
     * round trip sent here would be (named by its unit). The wait is not cut short by an interrupt: until the
     * sender is done the connection is not this thread's (the interrupt is kept for the caller).
     */
    private void awaitSent(Held held) {
        InFlight sent = held.inFlight;
        if (sent == null) {
            return;
        }
        held.inFlight = null; // first: what follows goes through the template, which waits for a round trip ahead
        RuntimeException failure = outcome(sent);
        if (failure != null) {
            // The replay fails here: what it held back since is dropped, not sent by the recovery's statements
            // (each goes through the template, which would send it first, into an aborted transaction).
            held.writes.clear();
            held.ends.clear();
            held.units.clear();
            throw sent.recovery().apply(failure);
        }
    }

    /**
     * Waits for the round trip this thread's replay sent ahead, if one is on its way, and throws its failure as
     * {@link #send()} would (named by its unit). For a replay about to use its connection other than through this
     * template (a rebuild reading the event table's head through Axon's engine, which joins its transaction).
     */
    public void awaitSentAhead() {
        Held held = HELD.get();
        if (held != null) {
            awaitSent(held);
        }
    }

    /**
     * {@code thrown}, a failure of this thread's replay found while a round trip it sent ahead was on its way, or
     * that round trip's failure if it failed too: it was made earlier (its writes came from events handled before),
     * so it is the one to name, recovered as {@link #send()} would (named by its unit), {@code thrown} suppressed in
     * it. Waits for the round trip; {@code thrown} as it is when none was on its way or it succeeded.
     */
    public Exception withFailureSentAhead(Exception thrown) {
        Held held = HELD.get();
        if (held == null || held.inFlight == null) {
            return thrown;
        }
        try {
            awaitSent(held);
        } catch (RuntimeException earlier) {
            if (earlier != thrown) {
                earlier.addSuppressed(thrown);
            }
            return earlier;
        }
        return thrown;
    }

    /** Waits for the round trip sent ahead, whatever its outcome (the replay failed already: its failure stands). */
    private static void awaitQuietly(Held held) {
        if (held != null && held.inFlight != null) {
            RuntimeException failure = outcome(held.inFlight);
            held.inFlight = null;
            if (failure != null) {
                log.warn("a round trip a failed replay sent ahead failed too: {}", failure.getMessage());
            }
        }
    }

    /** The failure of a round trip sent ahead, once it is done; null when it succeeded. */
    private static RuntimeException outcome(InFlight sent) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    sent.done().get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a round trip here, on this thread's connection (through the template: it waits for one sent ahead). */
    private void execute(Together together) {
        super.execute(connection -> connection.prepareStatement(together.sql()),
                (PreparedStatementCallback<Void>) statement -> {
                    run(statement, together);
                    return null;
                });
    }

    /** Runs a round trip: its parameters set, every part's outcome walked, so a failure of any part surfaces. */
    private static void run(PreparedStatement statement, Together together) throws SQLException {
        new ArgumentPreparedStatementSetter(together.args()).setValues(statement);
        statement.execute();
        while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
            // nothing to read: writes only
        }
    }

    /**
     * The writes of one unit in one round trip, here (the driver sends each part with its own parameters and one
     * Sync); a failure is told of {@code unit} when one is given.
     */
    private void sendUnit(List<Write> writes, Object unit) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            execute(together(HELD.get(), writes, false));
        } catch (RuntimeException failure) {
            throw unit != null ? new UnitFailedException(unit, failure) : failure;
        }
    }

    /** The writes joined by {@code ;} (within a savepoint if asked), each the {@code execute} of its statement where it can be. */
    private Together together(Held held, List<Write> writes, boolean savepoint) {
        StringBuilder sql = new StringBuilder(writes.size() * 256);
        sql.append(savepoint ? "savepoint replay_writes" : "");
        List<Object> args = new ArrayList<>();
        for (Write write : writes) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            if (held == null || !part(held, write, sql)) {
                sql.append(write.sql());
                args.addAll(Arrays.asList(write.args()));
            }
        }
        if (savepoint) {
            sql.append(";\nrelease savepoint replay_writes");
        }
        return new Together(sql.toString(), args.toArray());
    }

    /**
     * Appends {@code write} to {@code sql} as {@code execute name(E'…', …)}, its statement prepared in the session the
     * first time this replay sends it ({@link #prepareAll}), each argument written out as a literal
     * ({@link SqlLiterals}), which PostgreSQL reads as the parameter's type (an untyped literal takes the parameter's
     * type without a length: a {@code char(1)} parameter is not cut to one character, as a cast would); false
     * (nothing appended) when the statement is not prepared (PostgreSQL would not: a parameter whose type it cannot
     * tell from the text, a statement of another kind, several statements in one text) or an argument is of a kind
     * not written out: the write is then sent as it is, with its parameters.
     *
     * <p>Why: the held-back texts never repeat, so the driver cannot keep a statement prepared for them, and
     * PostgreSQL parsed and planned every part of every text (a delegations rebuild: 280,000 statements, each
     * planned, the planning as long as the execution). An {@code execute} runs the prepared statement's kept
     * plan. Literals, not parameters: PostgreSQL evaluates an {@code execute}'s arguments without the parameters
     * of the text it came in ("there is no parameter $1").
     *
     * <p>Prepared after the replay created its temporary tables (a rebuild's or a point-in-time view's shadows are
     * made before its first write), so the statements name the shadows, as the plain texts did.
     */
    private boolean part(Held held, Write write, StringBuilder sql) {
        String name = held.preparedFor.get(write.sql());
        if (name == null || !SqlLiterals.canWrite(write.args())) {
            return false;
        }
        sql.append("execute ").append(name);
        for (int i = 0; i < write.args().length; i++) {
            sql.append(i == 0 ? "(" : ", ");
            SqlLiterals.append(sql, write.args()[i]);
        }
        if (write.args().length > 0) {
            sql.append(')');
        }
        return true;
    }

    /**
     * Prepares, under a savepoint, each statement of {@code writes} this replay has not met yet. The first time, a
     * savepoint {@code replay_prepared} is set first, so that a replay that fails can go back to it and deallocate
     * its statements ({@link #deallocate}).
     */
    private void prepareAll(Held held, List<Write> writes) {
        for (Write write : writes) {
            if (!held.preparedFor.containsKey(write.sql())) {
                held.preparedFor.put(write.sql(), prepare(held, write.sql(), write.args().length));
            }
        }
    }

    private String prepare(Held held, String sql, int arguments) {
        Placeholders.Numbered numbered = Placeholders.number(sql);
        if (numbered == null || numbered.several() || numbered.count() != arguments
                || !PREPARABLE.matcher(sql).lookingAt()) {
            return null;
        }
        String name = "daiban_replay_" + NAMES.incrementAndGet();
        try {
            super.execute((!held.marked ? "savepoint replay_prepared; " : "")
                    + "savepoint replay_prepare; prepare " + name + " as " + numbered.sql()
                    + "; release savepoint replay_prepare");
        } catch (RuntimeException refused) {
            super.execute("rollback to savepoint replay_prepare; release savepoint replay_prepare");
            log.debug("replay sends a statement as it is, PostgreSQL would not prepare it: {}", refused.getMessage());
            held.marked = true; // the first savepoint was set before the refused PREPARE
            return null;
        }
        held.marked = true;
        held.prepared.add(name);
        return name;
    }

    /**
     * Drops the replay's prepared statements from the session, which goes back to the pool. After a failed replay
     * the transaction may refuse every command, so it first goes back to the savepoint set before the first
     * {@code PREPARE} (the replay's writes are undone with its transaction anyway: a rebuild or a point-in-time view
     * that fails rolls back). Should that fail too, they stay in that session until it closes, unused (their names
     * are never given again).
     */
    private void deallocate(List<String> prepared, boolean done) {
        if (prepared.isEmpty()) {
            return;
        }
        try {
            super.execute((done ? "release savepoint replay_prepared; " : "rollback to savepoint replay_prepared; ")
                    + prepared.stream().map(name -> "deallocate " + name).collect(Collectors.joining("; ")));
        } catch (RuntimeException refused) {
            if (done) {
                throw refused; // the replay's transaction cannot go on: its failure, not a later one at the commit
            }
            log.warn("{} statements of a failed replay stay prepared until their session closes: {}",
                    prepared.size(), refused.getMessage());
        }
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        Held held = HELD.get();
        if (held != null) {
            sendAddedBefore(held, sql);
            held.writes.add(new Write(sql, args == null ? new Object[0] : args.clone()));
            return 1;
        }
        return super.update(sql, args);
    }

    @Override
    public int update(String sql) throws DataAccessException {
        return update(sql, new Object[0]);
    }

    /**
     * Every way through the template (queries, batches, calls, un-held updates — Spring's private {@code execute}
     * variants included) asks for the data source right before it takes its connection: what is held back is sent
     * there first, so the order of this thread's statements is kept; merged counter rows stay held (see the class
     * comment: nothing a replay reads is made of them). ({@link #send()} empties the held writes
     * before it sends them, so its own way through here finds nothing to send.)
     */
    @Override
    protected DataSource obtainDataSource() {
        sendWrites();
        return super.obtainDataSource();
    }
}

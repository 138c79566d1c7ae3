package cn.daiban.query.replay;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.StatementCallback;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application's {@link JdbcTemplate}, which can hold back the plain writes ({@code update(sql, args…)}) a
 * replay makes on its thread and send them to PostgreSQL together: one statement text made of the held-back
 * statements joined by {@code ;}, with their arguments in order. The PostgreSQL driver sends every part of such a
 * text in one round trip (one Sync), each part with its own parameters. A rebuild or a point-in-time view used to
 * wait for one round trip per written row (two or three per event, and on a busy machine each is a wake-up of the
 * server and of the replay); now it waits for one per {@link #STATEMENTS_PER_ROUND_TRIP} writes, or fewer when a
 * handler reads. The cost: such texts vary, so PostgreSQL plans their parts each time (simple statements keyed
 * by the row; cheaper than a round trip each).
 *
 * <p>Order is kept: anything else done through this template on that thread (a query, a batch, a call) first
 * sends what is held back, so a handler reads its own writes (found where the template asks for its data source,
 * which every way through it does). A held-back {@code update} answers 1 (assumption,
 * checked when this was written: no projection a replay batches uses the count an update answers). Only writes
 * through this template are held back: a projection that also writes through JPA must not be batched (its JPA
 * queries would not see the held-back rows), so {@link ProjectionRebuilds} batches only the JDBC-only ones.
 * Outside {@link #heldBack(Supplier)} nothing is held back.
 */
public class ReplayWriteBatching extends JdbcTemplate {

    /** How many held-back statements make a round trip (fewer when the replay reads, or at its end). */
    static final int STATEMENTS_PER_ROUND_TRIP = 400;

    private record Write(String sql, Object[] args) {
    }

    /** What one thread holds back: the writes, and where each unit (an event) ends among them. */
    private static final class Held {
        final List<Write> writes = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
        final List<Object> units = new ArrayList<>();
    }

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

    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    public ReplayWriteBatching(DataSource dataSource) {
        super(dataSource);
    }

    /**
     * Runs {@code work} holding back this thread's writes until {@link #send()} or the end of {@code work} (where
     * they are sent: nothing held back is ever lost, and a failure to send is the work's failure). Assumption: the
     * work runs in one transaction (the writes are sent through its connection, under a savepoint).
     */
    public <T> T heldBack(Supplier<T> work) {
        if (HELD.get() != null) {
            return work.get();
        }
        HELD.set(new Held());
        try {
            T result = work.get();
            send();
            return result;
        } finally {
            HELD.remove();
        }
    }

    /**
     * Marks the end of {@code unit}'s writes (the event just handled), so a failure is told of the unit that made
     * the failing write; sends what is held back once it is {@link #STATEMENTS_PER_ROUND_TRIP} statements or more.
     */
    public void endOf(Object unit) {
        Held held = HELD.get();
        if (held == null) {
            return;
        }
        int end = held.writes.size();
        if (held.ends.isEmpty() || held.ends.get(held.ends.size() - 1) != end) {
            held.ends.add(end);
            held.units.add(unit);
        }
        if (end >= STATEMENTS_PER_ROUND_TRIP) {
            send();
        }
    }

    /**
     * Sends what this thread has held back, in one round trip, under a savepoint. Should that fail, it goes back
     * to the savepoint and sends the writes again unit by unit, so the failure names the unit whose write failed
     * ({@link UnitFailedException}).
     */
    public void send() {
        Held held = HELD.get();
        if (held == null || held.writes.isEmpty()) {
            return;
        }
        List<Write> writes = List.copyOf(held.writes);
        List<Integer> ends = new ArrayList<>(held.ends);
        List<Object> units = new ArrayList<>(held.units);
        held.writes.clear();
        held.ends.clear();
        held.units.clear();
        if (ends.isEmpty() || ends.get(ends.size() - 1) != writes.size()) {
            ends.add(writes.size());
            units.add(null);
        }
        if (units.size() == 1) {
            sendTogether(writes, false, units.get(0));
            return;
        }
        try {
            sendTogether(writes, true, null);
        } catch (RuntimeException failure) {
            super.execute((StatementCallback<Void>) statement -> {
                statement.execute("rollback to savepoint replay_writes");
                return null;
            });
            int from = 0;
            for (int unit = 0; unit < units.size(); unit++) {
                sendTogether(writes.subList(from, ends.get(unit)), false, units.get(unit));
                from = ends.get(unit);
            }
            throw failure; // sent unit by unit without a failure: the first failure stands
        }
    }

    /**
     * One round trip: the writes joined by {@code ;} (the driver sends each part with its own parameters and one
     * Sync), within a savepoint if asked; a failure is told of {@code unit} when one is given.
     */
    private void sendTogether(List<Write> writes, boolean savepoint, Object unit) {
        if (writes.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(savepoint ? "savepoint replay_writes" : "");
        List<Object> args = new ArrayList<>();
        for (Write write : writes) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(write.sql());
            args.addAll(java.util.Arrays.asList(write.args()));
        }
        if (savepoint) {
            sql.append(";\nrelease savepoint replay_writes");
        }
        String text = sql.toString();
        ArgumentPreparedStatementSetter setter = new ArgumentPreparedStatementSetter(args.toArray());
        try {
            super.execute(connection -> connection.prepareStatement(text), (PreparedStatementCallback<Void>) ps -> {
                setter.setValues(ps);
                ps.execute();
                // Walk every part's outcome, so a failure of any part surfaces here.
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // nothing to read: writes only
                }
                return null;
            });
        } catch (RuntimeException failure) {
            if (unit != null && !savepoint) {
                throw new UnitFailedException(unit, failure);
            }
            throw failure;
        }
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        Held held = HELD.get();
        if (held != null) {
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
     * there first, so the order of this thread's statements is kept. ({@link #send()} empties the held writes
     * before it sends them, so its own way through here finds nothing to send.)
     */
    @Override
    protected DataSource obtainDataSource() {
        send();
        return super.obtainDataSource();
    }
}

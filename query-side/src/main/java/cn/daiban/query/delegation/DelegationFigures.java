package cn.daiban.query.delegation;

import cn.daiban.query.replay.ReplayWriteBatching;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The counters behind the station dashboard ({@code delegation_figure}, {@code delegation_open_figure},
 * {@code delegation_category_figure}) and behind the ledger's totals under one filter ({@code delegation_facet_figure}),
 * kept by the delegations projection with every change of a
 * {@code delegation_view} row or of one of its {@code evaluation_view} rows: the row's counted columns are read
 * before and after the projection's update, and the difference of their contributions is added to the counter
 * rows — through the same JdbcTemplate, so in the batch's transaction, with the row and the processor's token.
 *
 * <p>Why a before/after difference rather than per-event increments: the projection's writes are idempotent
 * (an event applied twice changes nothing), and so is the difference (the second time, before equals after); and
 * every handler keeps its own SQL, so the counters follow whatever the row says rather than a second copy of each
 * handler's rules.
 *
 * <p>A rebuild or a point-in-time view shadows these tables like the view itself (the projection writes them by
 * their unqualified names), so the counters are rebuilt from the replay, never added to the live ones.
 *
 * <p>Not counted here, on purpose: "at risk" and "overdue". They depend on today, and are set on the row by the
 * command side's deadline sweeps ({@code DeadlineApproachingEvent}, {@code DelegationOverdueEvent}); the dashboard
 * lists those matters (it shows each one, not only their number) through the partial indexes
 * {@code delegation_view_open_flags} and {@code delegation_view_open_late_visits} (V162), whose size is the number
 * of flagged open matters, not of all matters.
 */
final class DelegationFigures {

    /**
     * Counter rows per station and period are split in this many shards by the delegation id's
     * {@code String.hashCode()}, the hash Axon's segments are chosen by (sequencing per aggregate): up to this
     * many segments never write the same counter row, so two segments' batches neither wait for nor deadlock on
     * each other. Assumption: the group has at most 4 segments (it has 2); with more, correctness stays, only
     * lock waits between segments come back.
     */
    static final int SHARDS = 4;

    /** Indexes of the dated figures, in the columns' order. */
    private static final String[] DATED = {"intake", "declined", "same_day", "completed", "on_time", "handling_days",
            "handling_counted", "breaches", "archived", "home_visits", "home_visits_late", "grade_very_satisfied",
            "grade_satisfied", "grade_basically_satisfied", "grade_dissatisfied", "grade_very_dissatisfied"};
    private static final int INTAKE = 0, DECLINED = 1, SAME_DAY = 2, COMPLETED = 3, ON_TIME = 4, HANDLING_DAYS = 5,
            HANDLING_COUNTED = 6, BREACHES = 7, ARCHIVED = 8, HOME_VISITS = 9, HOME_VISITS_LATE = 10, GRADES = 11;
    /** The overall grades in the order of their columns from {@link #GRADES} on. */
    private static final List<String> GRADE_NAMES = List.of("VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED",
            "DISSATISFIED", "VERY_DISSATISFIED");
    private static final String[] OPEN = {"handling", "awaiting_supplement", "escalated", "suspended",
            "open_rectifications", "awaiting_archive_delivered", "awaiting_archive_terminated",
            "awaiting_archive_declined"};
    private static final int AWAITING_DELIVERED = 5, AWAITING_TERMINATED = 6, AWAITING_DECLINED = 7;

    private static final String UPSERT_DATED = "insert into delegation_figure as f (station_code, grain, period_start, "
            + "shard, " + String.join(", ", DATED) + ") values (?, ?, ?, ?" + ", ?".repeat(DATED.length) + ") "
            + "on conflict (station_code, grain, period_start, shard) do update set "
            + String.join(", ", Arrays.stream(DATED).map(c -> c + " = f." + c + " + excluded." + c).toList());
    private static final String UPSERT_OPEN = "insert into delegation_open_figure as f (station_code, shard, "
            + String.join(", ", OPEN) + ") values (?, ?" + ", ?".repeat(OPEN.length) + ") "
            + "on conflict (station_code, shard) do update set "
            + String.join(", ", Arrays.stream(OPEN).map(c -> c + " = f." + c + " + excluded." + c).toList());
    /**
     * The matters per station and value of each filter the ledger offers alone (the ledger's and the registers'
     * total under that filter, without dates): the row's current window, status, item, agent and kind.
     */
    static final List<String> FACETS = List.of("window", "status", "item", "agent", "kind");
    private static final String UPSERT_FACET = "insert into delegation_facet_figure as f (facet, value, station_code, "
            + "shard, matters) values (?, ?, ?, ?, ?) "
            + "on conflict (facet, value, station_code, shard) do update set matters = f.matters + excluded.matters";
    private static final String UPSERT_CATEGORY = "insert into delegation_category_figure as f (station_code, grain, "
            + "period_start, category, shard, matters) values (?, ?, ?, ?, ?, ?) "
            + "on conflict (station_code, grain, period_start, category, shard) do update set matters = f.matters + excluded.matters";

    /**
     * The columns of a row the counters depend on; null when there is no row. With them, the matter's evaluations
     * not voided, each as {@code station|evaluated_on|overall} in the order of their numbers: the grade counts
     * follow the evaluation rows the same way (an evaluation recorded, or voided, changes this list).
     */
    record Counted(String station, boolean declined, LocalDate receivedOn, LocalDate completedOn, Boolean onTime,
                   Integer handlingDays, int breaches, String status, String rectification,
                   boolean materialsHandedBack, LocalDate archivedOn, List<String> categories,
                   LocalDate homeVisitOn, boolean homeVisitLate, List<String> grades, String window,
                   String item, String agent, String kind) {

        /** The row's value of each of {@link #FACETS}, in that order (null where the row has none). */
        List<String> facets() {
            return java.util.Arrays.asList(window, status, item, agent, kind);
        }
    }

    private final JdbcTemplate jdbc;
    /** In a replay, how many counted matters are read together ({@link Replay}). */
    private final int settleEvery;
    /** In a replay, how many matters' counted columns are remembered ({@link Replay}). */
    private final int remembered;

    DelegationFigures(JdbcTemplate jdbc, int settleEvery, int remembered) {
        if (settleEvery < 1 || remembered < 0) {
            throw new IllegalArgumentException("settle-every must be at least 1 and remembered-matters at least 0");
        }
        this.jdbc = jdbc;
        this.settleEvery = settleEvery;
        this.remembered = remembered;
    }

    /**
     * The row's counted columns before a handler's writes, or null without a row; the row stays locked to the end
     * of the transaction (not in a replay, which writes temporary tables of its own on one thread). Why the lock:
     * were the same event applied by two transactions at once (two processors claiming the same segment, as two
     * contexts in one test JVM under one token owner can; a node losing its claim mid-batch cannot commit), both
     * would otherwise read the same "before" and add the same difference twice, though the row itself ends up the
     * same. With it, the second reads the first's committed row and adds nothing.
     */
    Counted lockAndRead(String delegationId) {
        // The lock in a statement of its own: at READ COMMITTED a statement that waited for the lock re-reads the
        // locked row only, while its sub-select of the evaluations would still see the data as of its start, so the
        // second of two transactions applying one evaluation would miss the first's and count the grade twice. The
        // read after it is a new statement and sees everything the first committed.
        // A replay is one thread writing temporary tables of its own: no other transaction to wait for.
        Replay replay = replay();
        if (replay == null) {
            jdbc.query("select 1 from delegation_view where delegation_id = ? for update", rs -> {
            }, delegationId);
            return read(delegationId, "");
        }
        if (replay.unsettled.containsKey(delegationId)) {
            // Counted since the last settling: its "before" is the one noted then (this one is not used).
            return replay.unsettled.get(delegationId);
        }
        Counted known = replay.remembered.get(delegationId);
        return known != null ? known : read(delegationId, "");
    }

    /**
     * Counts what a handler changed in the matter's row (or its evaluations) since {@code before}, read by
     * {@link #lockAndRead} before its writes (null: the handler inserted the row). Live: the row is read again
     * now and the difference added. In a replay: see {@link Replay}.
     */
    void counted(String delegationId, Counted before) {
        Replay replay = replay();
        if (replay == null) {
            changed(delegationId, before, read(delegationId, ""));
            return;
        }
        if (!replay.unsettled.containsKey(delegationId)) {
            replay.unsettled.put(delegationId, before);
        }
        if (replay.unsettled.size() >= settleEvery) {
            settle(replay);
        }
    }

    /**
     * How a replay that holds its writes back (a rebuild or a point-in-time view: one thread, its own temporary
     * tables, nothing else writing them) counts without reading each matter's row before and after each change,
     * which cost it a round trip to PostgreSQL per counted event (each also sending the writes held back so far):
     * <ul>
     *   <li>A counted change only notes the matter, with its counted columns before the first change since the last
     *       settling. Every {@code daiban.rebuilds.settle-every} matters (2,000), and before the replay's writes are
     *       sent at its end, one query reads the rows of all the noted matters, and each adds the difference between
     *       its first "before" and its row now: the same sum as the differences one by one, since each change's
     *       "before" is the previous one's "after" (the contributions are added and subtracted, {@link #changed}).
     *       A settling is a read, so the replay waits there for the writes it sent ahead
     *       ({@link ReplayWriteBatching#heldBack(java.util.function.Supplier, boolean)}): at 100 matters a settling came
     *       every few hundred events and stopped the overlap more often than the round trips themselves.</li>
     *   <li>The rows read at a settling are remembered (the {@code daiban.rebuilds.remembered-matters} most recent,
     *       10,000: a few megabytes): the "before" of the matter's next change, which then costs no read. A matter's
     *       steps mostly follow each other within days, among a few thousand other matters' of a county; one not
     *       remembered is read as live.</li>
     * </ul>
     * This holds because every handler that changes a counted column counts the change (the recount in
     * {@code DashboardFiguresIT} compares the counters with the rows after a rebuild), only this projection writes
     * the two tables, and no handler reads the counter tables. Both maps are dropped with the replay.
     */
    private static final class Replay {
        final Map<String, Counted> unsettled = new HashMap<>();
        final Map<String, Counted> remembered;

        Replay(int capacity) {
            remembered = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Counted> eldest) {
                    return size() > capacity;
                }
            };
        }
    }

    /** The replay this thread is in, or null outside one that holds its writes back. */
    private Replay replay() {
        if (!(jdbc instanceof ReplayWriteBatching batching)) {
            return null;
        }
        return batching.replayScoped(this, () -> {
            Replay replay = new Replay(remembered);
            batching.beforeSending(() -> settle(replay));
            return replay;
        });
    }

    /** Reads the rows of the matters counted since the last settling, in one query, and counts their changes. */
    private void settle(Replay replay) {
        if (replay.unsettled.isEmpty()) {
            return;
        }
        Map<String, Counted> before = new LinkedHashMap<>(replay.unsettled);
        replay.unsettled.clear();
        try {
            settle(replay, before);
        } catch (ReplayWriteBatching.UnitFailedException failure) {
            throw failure; // a held-back write sent before the read: it names the event that made it
        } catch (RuntimeException failure) {
            // The sums of many events' changes: naming the event being handled would name an innocent one.
            throw new ReplayWriteBatching.MergedRowsFailedException(failure);
        }
    }

    private void settle(Replay replay, Map<String, Counted> before) {
        Map<String, Counted> now = new HashMap<>();
        jdbc.query(COUNTED_COLUMNS + ", delegation_id from delegation_view d where delegation_id = any(?)",
                rs -> {
                    now.put(rs.getString(20), counted(rs)); // the 20th column: the matter's id
                }, (Object) before.keySet().toArray(String[]::new));
        before.forEach((delegationId, was) -> {
            Counted is = now.get(delegationId);
            changed(delegationId, was, is);
            if (is != null) {
                replay.remembered.put(delegationId, is);
            } else {
                replay.remembered.remove(delegationId);
            }
        });
    }

    /** The counted columns of a {@code delegation_view d}, in the order {@link #counted(ResultSet)} reads them. */
    private static final String COUNTED_COLUMNS = """
            select station_code, declined, received_on, completed_on, on_time, handling_working_days,
                   breaches, status, rectification_status, materials_handed_back_on is not null,
                   archived_on, client_categories, home_visit_arrived_on, home_visit_late,
                   array(select e.station_code || '|' || to_char(e.evaluated_on, 'YYYY-MM-DD')
                                || '|' || e.overall
                         from evaluation_view e where e.delegation_id = d.delegation_id and not e.voided
                         order by e.number),
                   window_name, item_code, agent_id, kind""";

    private Counted read(String delegationId, String lock) {
        // The evaluations through the primary key (delegation_id, number): one index probe more per read. Their day
        // written out as ISO whatever the session's DateStyle, since it is parsed back.
        return jdbc.query(COUNTED_COLUMNS + " from delegation_view d where delegation_id = ?" + lock,
                rs -> rs.next() ? counted(rs) : null, delegationId);
    }

    private static Counted counted(ResultSet rs) throws SQLException {
        return new Counted(rs.getString(1), rs.getBoolean(2), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), (Boolean) rs.getObject(5), (Integer) rs.getObject(6),
                rs.getInt(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                rs.getObject(11, LocalDate.class), strings(rs.getArray(12)), rs.getObject(13, LocalDate.class),
                rs.getBoolean(14), strings(rs.getArray(15)), rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getString(19));
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Adds to the counters what changed between {@code before} and {@code after} for this delegation. */
    void changed(String delegationId, Counted before, Counted after) {
        if (Objects.equals(before, after)) {
            return;
        }
        int shard = Math.floorMod(delegationId.hashCode(), SHARDS);
        Map<String, long[]> dated = new TreeMap<>();
        Map<String, long[]> open = new TreeMap<>();
        Map<String, Long> categories = new TreeMap<>();
        Map<List<String>, Long> facets = new TreeMap<>(FACET_ORDER);
        contribute(before, -1, dated, open, categories, facets);
        contribute(after, 1, dated, open, categories, facets);
        dated.forEach((key, delta) -> {
            if (Arrays.stream(delta).anyMatch(v -> v != 0)) {
                String[] parts = key.split("\\|");
                LocalDate day = LocalDate.parse(parts[1]);
                upsertDated(parts[0], "D", day, shard, delta);
                upsertDated(parts[0], "M", day.withDayOfMonth(1), shard, delta);
            }
        });
        open.forEach((station, delta) -> {
            if (Arrays.stream(delta).anyMatch(v -> v != 0)) {
                Object[] args = new Object[2 + delta.length];
                args[0] = station;
                args[1] = shard;
                for (int i = 0; i < delta.length; i++) {
                    args[2 + i] = delta[i];
                }
                add("delegation_open_figure", UPSERT_OPEN, 2, args);
            }
        });
        categories.forEach((key, delta) -> {
            if (delta != 0) {
                String[] parts = key.split("\\|");
                LocalDate day = LocalDate.parse(parts[1]);
                add("delegation_category_figure", UPSERT_CATEGORY, 5, parts[0], "D", Date.valueOf(day), parts[2],
                        shard, delta);
                add("delegation_category_figure", UPSERT_CATEGORY, 5, parts[0], "M",
                        Date.valueOf(day.withDayOfMonth(1)), parts[2], shard, delta);
            }
        });
        addFacets(facets, shard);
    }

    /**
     * The facet counters' changes: merged with the rest while a replay holds its writes back, else sent as one
     * statement of as many rows (a commissioning adds five, a status change two; their keys differ, as one statement
     * must not touch a row twice), not one round trip each.
     */
    private void addFacets(Map<List<String>, Long> facets, int shard) {
        List<Object[]> rows = facets.entrySet().stream().filter(entry -> entry.getValue() != 0)
                .map(entry -> new Object[] {entry.getKey().get(0), entry.getKey().get(1), entry.getKey().get(2), shard,
                        entry.getValue()})
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() == 1 || jdbc instanceof ReplayWriteBatching batching && batching.holdingBack()) {
            rows.forEach(row -> add("delegation_facet_figure", UPSERT_FACET, 4, row));
            return;
        }
        jdbc.update(UPSERT_FACET.replace("values (?, ?, ?, ?, ?)",
                        "values " + String.join(", ", java.util.Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?)"))),
                rows.stream().flatMap(Arrays::stream).toArray());
    }

    /** Facet counter keys (facet, value, station) in one order, so concurrent batches lock their rows alike. */
    private static final java.util.Comparator<List<String>> FACET_ORDER = java.util.Comparator
            .<List<String>, String>comparing(key -> key.get(0)).thenComparing(key -> key.get(1))
            .thenComparing(key -> key.get(2));

    private void upsertDated(String station, String grain, LocalDate start, int shard, long[] delta) {
        Object[] args = new Object[4 + delta.length];
        args[0] = station;
        args[1] = grain;
        args[2] = Date.valueOf(start);
        args[3] = shard;
        for (int i = 0; i < delta.length; i++) {
            args[4 + i] = delta[i];
        }
        add("delegation_figure", UPSERT_DATED, 4, args);
    }

    /**
     * One additive upsert of a counter row: sent at once by the live processors; merged with the row's other writes
     * during a replay (a rebuild or a point-in-time view is one transaction, and a counter row written once per event
     * there is what made the rebuild slow down as it went; see {@link ReplayWriteBatching#updateAdding}). Nothing the
     * handlers read is made of these rows.
     */
    private void add(String table, String sql, int keys, Object... args) {
        if (jdbc instanceof ReplayWriteBatching batching) {
            batching.updateAdding(table, sql, keys, args);
        } else {
            jdbc.update(sql, args);
        }
    }

    /** The row's share of each counter, times {@code sign}, exactly as the dashboard's recount counted it. */
    private static void contribute(Counted row, int sign, Map<String, long[]> dated, Map<String, long[]> open,
                                   Map<String, Long> categories, Map<List<String>, Long> facets) {
        if (row == null) {
            return;
        }
        // The ledger's rows under each filter alone: every row, accepted or declined, by its value now (a row
        // without a window or an item matches no such filter).
        List<String> values = row.facets();
        for (int i = 0; i < FACETS.size(); i++) {
            if (values.get(i) != null) {
                facets.merge(List.of(FACETS.get(i), values.get(i), row.station()), (long) sign, Long::sum);
            }
        }
        long[] received = dated(dated, row.station(), row.receivedOn());
        received[row.declined() ? DECLINED : INTAKE] += sign;
        received[BREACHES] += (long) sign * row.breaches();
        if (row.completedOn() != null) {
            long[] completed = dated(dated, row.station(), row.completedOn());
            completed[COMPLETED] += sign;
            if (row.completedOn().equals(row.receivedOn())) {
                completed[SAME_DAY] += sign;
            }
            if (Boolean.TRUE.equals(row.onTime())) {
                completed[ON_TIME] += sign;
            }
            if (row.handlingDays() != null) {
                completed[HANDLING_DAYS] += (long) sign * row.handlingDays();
                completed[HANDLING_COUNTED] += sign;
            }
        }
        long[] now = open.computeIfAbsent(row.station(), k -> new long[OPEN.length]);
        int status = switch (row.status()) {
            case "HANDLING" -> 0;
            case "AWAITING_SUPPLEMENT" -> 1;
            case "ESCALATED" -> 2;
            case "SUSPENDED" -> 3;
            default -> -1;
        };
        if (status >= 0) {
            now[status] += sign;
        }
        // Open rectifications: open, overdue, or marked done by the station and awaiting supervision's re-check (复查).
        if ("OPEN".equals(row.rectification()) || "OVERDUE".equals(row.rectification())
                || "AWAITING_RECHECK".equals(row.rectification())) {
            now[4] += sign;
        }
        // Awaiting its archive (资料归档), as the dashboard counted it: delivered or terminated, or declined once it
        // held materials to hand back; archiving sets the status ARCHIVED, which takes it out.
        switch (row.status()) {
            case "DELIVERED" -> now[AWAITING_DELIVERED] += sign;
            case "TERMINATED" -> now[AWAITING_TERMINATED] += sign;
            case "DECLINED" -> {
                if (row.materialsHandedBack()) {
                    now[AWAITING_DECLINED] += sign;
                }
            }
            default -> { }
        }
        if (row.archivedOn() != null) {
            dated(dated, row.station(), row.archivedOn())[ARCHIVED] += sign;
        }
        // A home visit made: on the day of the (last) arrival; late as the row says (late stays once a visit was).
        if (row.homeVisitOn() != null) {
            long[] visit = dated(dated, row.station(), row.homeVisitOn());
            visit[HOME_VISITS] += sign;
            if (row.homeVisitLate()) {
                visit[HOME_VISITS_LATE] += sign;
            }
        }
        // Client categories of the matters taken on (not declined), on the day received: once per category listed.
        if (!row.declined()) {
            for (String category : row.categories()) {
                categories.merge(row.station() + "|" + row.receivedOn() + "|" + category, (long) sign, Long::sum);
            }
        }
        // Each evaluation not voided, by its overall grade, on the day and at the station it was recorded for.
        for (String grade : row.grades()) {
            String[] parts = grade.split("\\|");
            int column = GRADE_NAMES.indexOf(parts[2]);
            if (column >= 0) {
                dated(dated, parts[0], LocalDate.parse(parts[1]))[GRADES + column] += sign;
            }
        }
    }

    private static long[] dated(Map<String, long[]> dated, String station, LocalDate day) {
        return dated.computeIfAbsent(station + "|" + day, k -> new long[DATED.length]);
    }

    /** Empties the counters (a reset of the projection). */
    void clear() {
        jdbc.update("delete from delegation_figure");
        jdbc.update("delete from delegation_open_figure");
        jdbc.update("delete from delegation_category_figure");
        jdbc.update("delete from delegation_facet_figure");
    }
}

package cn.daiban.query.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the delegations projection's counters ({@code delegation_figure}, {@code delegation_open_figure},
 * {@code delegation_category_figure}, {@code delegation_facet_figure}, kept by {@code DelegationFigures}) for a scope of stations: the rows of those
 * stations, for a period its whole months (monthly rows) and the days at either edge (daily rows). The work grows with the number of stations and of
 * months and edge days in the period (at most 60 edge days), times the shards, never with the number of matters.
 */
final class FigureSums {

    /** The bounds of an open-ended period (the ledger without dates). */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final JdbcTemplate jdbc;

    FigureSums(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The condition selecting the counter rows of {@code [from, to]} (alias {@code f}), with its six arguments:
     * monthly rows of the whole months, daily rows of the days before the first and after the last whole month.
     */
    record Period(String condition, List<Object> args) {

        static Period of(LocalDate from, LocalDate to) {
            LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate lastWholeEnd = to.getDayOfMonth() == to.lengthOfMonth() ? to : to.withDayOfMonth(1).minusDays(1);
            List<Object> args = new ArrayList<>();
            if (firstWhole.isAfter(lastWholeEnd)) {
                // No whole month: the days only (at most 61 of them).
                args.addAll(List.of(from, from.minusDays(1), from, to, to.plusDays(1), to));
            } else {
                args.addAll(List.of(firstWhole, lastWholeEnd.withDayOfMonth(1), from, firstWhole.minusDays(1),
                        lastWholeEnd.plusDays(1), to));
            }
            return new Period("((f.grain = 'M' and f.period_start between ? and ?) or (f.grain = 'D' and "
                    + "(f.period_start between ? and ? or f.period_start between ? and ?)))",
                    args.stream().map(d -> (Object) Date.valueOf((LocalDate) d)).toList());
        }
    }

    /** The figures summed over the period, by column (and the name each is answered under). */
    private static final List<String> IN_PERIOD = List.of("completed", "on_time", "handling_days", "handling_counted",
            "breaches", "archived", "home_visits", "home_visits_late", "grade_very_satisfied", "grade_satisfied",
            "grade_basically_satisfied", "grade_dissatisfied", "grade_very_dissatisfied");
    /** The figures of {@code today} alone. */
    private static final List<String> ON_TODAY = List.of("intake", "declined", "same_day");
    /** Figures of {@code today} also summed over the period, answered under {@code <column>_in_period}. */
    private static final List<String> ALSO_IN_PERIOD = List.of("intake", "declined");

    /** The dated figures of a period, and the daily ones of {@code today}. */
    Map<String, Object> dated(ScopeSql scope, LocalDate from, LocalDate to, LocalDate today) {
        Period period = Period.of(from, to);
        List<Object> args = new ArrayList<>(scope.args());
        List<String> sums = new ArrayList<>();
        for (String column : IN_PERIOD) {
            sums.add(" coalesce(sum(f." + column + ") filter (where " + period.condition() + "), 0) as " + column);
            args.addAll(period.args());
        }
        for (String column : ALSO_IN_PERIOD) {
            sums.add(" coalesce(sum(f." + column + ") filter (where " + period.condition() + "), 0) as " + column
                    + "_in_period");
            args.addAll(period.args());
        }
        for (String column : ON_TODAY) {
            sums.add(" coalesce(sum(f." + column + ") filter (where f.grain = 'D' and f.period_start = ?), 0) as "
                    + column);
            args.add(Date.valueOf(today));
        }
        args.addAll(period.args());
        args.add(Date.valueOf(today));
        return jdbc.queryForMap(scope.cte() + "select" + String.join(",", sums)
                + " from delegation_figure f where " + scope.on("f.station_code")
                + " and (" + period.condition() + " or (f.grain = 'D' and f.period_start = ?))", args.toArray());
    }

    /**
     * Matters taken on (not declined) received in {@code [from, to]}, by client category: each category with a
     * matter, in the categories' order (a category whose counters add up to nothing is left out, as a count of the
     * rows would not name it).
     */
    Map<String, Long> byCategory(ScopeSql scope, LocalDate from, LocalDate to) {
        Period period = Period.of(from, to);
        List<Object> args = new ArrayList<>(scope.args());
        args.addAll(period.args());
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query(scope.cte() + "select f.category, sum(f.matters) from delegation_category_figure f where "
                        + scope.on("f.station_code") + " and " + period.condition()
                        + " group by f.category having sum(f.matters) <> 0",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, args.toArray());
        return counts;
    }

    /** How many matters (accepted or declined) were received in {@code [from, to]}. */
    long received(ScopeSql scope, LocalDate from, LocalDate to) {
        Period period = Period.of(from == null ? EARLIEST : from, to == null ? LATEST : to);
        List<Object> args = new ArrayList<>(scope.args());
        args.addAll(period.args());
        Long total = jdbc.queryForObject(scope.cte() + "select coalesce(sum(f.intake + f.declined), 0)"
                + " from delegation_figure f where " + scope.on("f.station_code") + " and " + period.condition(),
                Long.class, args.toArray());
        return total == null ? 0 : total;
    }

    /**
     * How many matters, accepted or declined, have {@code value} under {@code facet} (one of the ledger's filters:
     * window, status, item, agent, kind) now, whenever received: the sum of {@code delegation_facet_figure}'s rows of
     * that value for the scope's stations.
     */
    long matching(ScopeSql scope, String facet, String value) {
        List<Object> args = new ArrayList<>(scope.args());
        args.add(facet);
        args.add(value);
        Long total = jdbc.queryForObject(scope.cte() + "select coalesce(sum(f.matters), 0) from delegation_facet_figure f"
                + " where f.facet = ? and f.value = ? and " + scope.on("f.station_code"), Long.class, args.toArray());
        return total == null ? 0 : total;
    }

    /**
     * What is open now: matters by open status (every open status named), open rectifications, and the matters
     * awaiting their archive by status (AWAITING_ARCHIVE_DELIVERED, _TERMINATED, _DECLINED).
     */
    Map<String, Long> open(ScopeSql scope) {
        Map<String, Object> row = jdbc.queryForMap(scope.cte() + """
                select coalesce(sum(handling), 0) as handling,
                       coalesce(sum(awaiting_supplement), 0) as awaiting_supplement,
                       coalesce(sum(escalated), 0) as escalated, coalesce(sum(suspended), 0) as suspended,
                       coalesce(sum(open_rectifications), 0) as open_rectifications,
                       coalesce(sum(awaiting_archive_delivered), 0) as awaiting_archive_delivered,
                       coalesce(sum(awaiting_archive_terminated), 0) as awaiting_archive_terminated,
                       coalesce(sum(awaiting_archive_declined), 0) as awaiting_archive_declined
                from delegation_open_figure f where\s""" + scope.on("f.station_code"), scope.args().toArray());
        Map<String, Long> open = new LinkedHashMap<>();
        open.put("HANDLING", ((Number) row.get("handling")).longValue());
        open.put("AWAITING_SUPPLEMENT", ((Number) row.get("awaiting_supplement")).longValue());
        open.put("ESCALATED", ((Number) row.get("escalated")).longValue());
        open.put("SUSPENDED", ((Number) row.get("suspended")).longValue());
        open.put("RECTIFICATIONS", ((Number) row.get("open_rectifications")).longValue());
        open.put("AWAITING_ARCHIVE_DELIVERED", ((Number) row.get("awaiting_archive_delivered")).longValue());
        open.put("AWAITING_ARCHIVE_TERMINATED", ((Number) row.get("awaiting_archive_terminated")).longValue());
        open.put("AWAITING_ARCHIVE_DECLINED", ((Number) row.get("awaiting_archive_declined")).longValue());
        return open;
    }
}

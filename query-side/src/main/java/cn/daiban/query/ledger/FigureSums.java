package cn.daiban.query.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the delegations projection's counters ({@code delegation_figure}, {@code delegation_open_figure}, kept by
 * {@code DelegationFigures}) for a scope of stations: the rows of those stations, for a period its whole months
 * (monthly rows) and the days at either edge (daily rows). The work grows with the number of stations and of
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

    /** The dated figures of a period, and the daily ones of {@code today}. */
    Map<String, Object> dated(ScopeSql scope, LocalDate from, LocalDate to, LocalDate today) {
        Period period = Period.of(from, to);
        List<Object> args = new ArrayList<>(scope.args());
        for (int i = 0; i < 5; i++) {
            args.addAll(period.args());
        }
        for (int i = 0; i < 3; i++) {
            args.add(Date.valueOf(today));
        }
        args.addAll(period.args());
        args.add(Date.valueOf(today));
        String inPeriod = " filter (where " + period.condition() + ")";
        String onToday = " filter (where f.grain = 'D' and f.period_start = ?)";
        return jdbc.queryForMap(scope.cte() + "select"
                + " coalesce(sum(f.completed)" + inPeriod + ", 0) as completed,"
                + " coalesce(sum(f.on_time)" + inPeriod + ", 0) as on_time,"
                + " coalesce(sum(f.handling_days)" + inPeriod + ", 0) as handling_days,"
                + " coalesce(sum(f.handling_counted)" + inPeriod + ", 0) as handling_counted,"
                + " coalesce(sum(f.breaches)" + inPeriod + ", 0) as breaches,"
                + " coalesce(sum(f.intake)" + onToday + ", 0) as intake,"
                + " coalesce(sum(f.declined)" + onToday + ", 0) as declined,"
                + " coalesce(sum(f.same_day)" + onToday + ", 0) as same_day"
                + " from delegation_figure f where " + scope.on("f.station_code")
                + " and (" + period.condition() + " or (f.grain = 'D' and f.period_start = ?))", args.toArray());
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

    /** What is open now: matters by open status (every open status named), and open rectifications. */
    Map<String, Long> open(ScopeSql scope) {
        Map<String, Object> row = jdbc.queryForMap(scope.cte() + """
                select coalesce(sum(handling), 0) as handling,
                       coalesce(sum(awaiting_supplement), 0) as awaiting_supplement,
                       coalesce(sum(escalated), 0) as escalated, coalesce(sum(suspended), 0) as suspended,
                       coalesce(sum(open_rectifications), 0) as open_rectifications
                from delegation_open_figure f where\s""" + scope.on("f.station_code"), scope.args().toArray());
        Map<String, Long> open = new LinkedHashMap<>();
        open.put("HANDLING", ((Number) row.get("handling")).longValue());
        open.put("AWAITING_SUPPLEMENT", ((Number) row.get("awaiting_supplement")).longValue());
        open.put("ESCALATED", ((Number) row.get("escalated")).longValue());
        open.put("SUSPENDED", ((Number) row.get("suspended")).longValue());
        open.put("RECTIFICATIONS", ((Number) row.get("open_rectifications")).longValue());
        return open;
    }
}

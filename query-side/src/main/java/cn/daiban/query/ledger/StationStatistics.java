package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * A station's statistics for a period, computed from the views (数据统计上报, `002 服务人员`): the figures of its own
 * row of the assessment ({@link AssessmentQueries}: volume, refusals, completions and the on-time rate, consultations
 * and complaints answered in time, evaluations and the satisfaction rate, poor grades, breaches of 一次性告知) —
 * the same counting, no second formula — and its volume (accepted intakes received in the period, as the
 * assessment counts it) broken down by kind, mode, item and status now. Its own figures only: the stations below
 * submit theirs. A rate with nothing to count (no completion, no evaluation …) is left out.
 *
 * <p>Names: {@code volume}, {@code declined}, {@code completed}, {@code onTimeRate}, {@code consultationsDue},
 * {@code consultationTimelinessRate}, {@code complaints}, {@code complaintTimelinessRate}, {@code evaluations},
 * {@code satisfactionRate}, {@code poorGrades}, {@code breaches}, {@code delivered}, {@code evaluatedRate},
 * {@code volume.kind.ASSIST},
 * {@code volume.mode.ON_SITE}, {@code volume.item.RS-001}, {@code volume.status.COMPLETED} ….
 */
@Component
public class StationStatistics {

    private final JdbcTemplate jdbc;
    private final AssessmentQueries assessments;

    StationStatistics(JdbcTemplate jdbc, AssessmentQueries assessments) {
        this.jdbc = jdbc;
        this.assessments = assessments;
    }

    /** First and last day of a period: a year (2026), a quarter (2026-Q4) or a month (2026-11). */
    public static LocalDate[] days(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        if (period.length() == 4) {
            return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
        }
        if (period.charAt(5) == 'Q') {
            int quarter = period.charAt(6) - '0';
            return new LocalDate[] {LocalDate.of(year, quarter * 3 - 2, 1),
                    YearMonth.of(year, quarter * 3).atEndOfMonth()};
        }
        YearMonth month = YearMonth.of(year, Integer.parseInt(period.substring(5, 7)));
        return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
    }

    @Transactional(readOnly = true)
    public Map<String, Double> compute(String station, String period) {
        LocalDate[] days = days(period);
        Map<String, Double> figures = new TreeMap<>();
        QuarterlyAssessmentResponse.Row own = assessments.rows(new FetchQuarterlyAssessmentQuery(station,
                        days[0].getYear(), 1, FetchQuarterlyAssessmentQuery.Level.STATION), days[0], days[1]).stream()
                .filter(row -> station.equals(row.key())).findFirst().orElse(null);
        figures.put("volume", own == null ? 0.0 : own.volume());
        figures.put("declined", own == null ? 0.0 : own.declined());
        figures.put("completed", own == null ? 0.0 : own.completed());
        figures.put("breaches", own == null ? 0.0 : own.breaches());
        figures.put("evaluations", own == null ? 0.0 : own.evaluations());
        figures.put("poorGrades", own == null ? 0.0 : own.poorGrades());
        figures.put("consultationsDue", own == null || own.consultationsDue() == null ? 0.0 : own.consultationsDue());
        figures.put("complaints", own == null || own.complaints() == null ? 0.0 : own.complaints());
        // 一事一评 (`003 三(二)3`): matters delivered in the period, and the share of them graded.
        figures.put("delivered", own == null || own.delivered() == null ? 0.0 : own.delivered());
        if (own != null) {
            put(figures, "evaluatedRate", own.evaluatedRate());
            put(figures, "onTimeRate", own.onTimeRate());
            put(figures, "consultationTimelinessRate", own.consultationTimelinessRate());
            put(figures, "complaintTimelinessRate", own.complaintTimelinessRate());
            put(figures, "satisfactionRate", own.satisfactionRate());
        }
        // The volume's breakdown: the assessment's volume (accepted intakes received in the period) by kind, mode,
        // item and the status each matter is in now.
        jdbc.query("""
                        select grouping(kind), grouping(mode), grouping(item_code), kind, coalesce(mode, '-'),
                            coalesce(item_code, '-'), status, count(*)
                        from delegation_view d where station_code = ? and not declined and received_on between ? and ?
                        group by grouping sets ((kind), (mode), (item_code), (status))""",
                rs -> {
                    String name = rs.getInt(1) == 0 ? "volume.kind." + rs.getString(4)
                            : rs.getInt(2) == 0 ? "volume.mode." + rs.getString(5)
                            : rs.getInt(3) == 0 ? "volume.item." + rs.getString(6)
                            : "volume.status." + rs.getString(7);
                    figures.put(name, (double) rs.getLong(8));
                }, station, Date.valueOf(days[0]), Date.valueOf(days[1]));
        return figures;
    }

    private static void put(Map<String, Double> figures, String name, Double value) {
        if (value != null) {
            figures.put(name, value);
        }
    }
}

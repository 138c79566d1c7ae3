package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quarterly assessment: one grouped query per figure, joined by key. Answered through
 * {@link AssessmentPublications}, which adds the published version (通报) beside the recount.
 */
@Component
class AssessmentQueries {

    private final JdbcTemplate jdbc;
    private final StaffingQueries staffing;

    AssessmentQueries(JdbcTemplate jdbc, StaffingQueries staffing) {
        this.jdbc = jdbc;
        this.staffing = staffing;
    }

    private static final class Figures {
        String name;
        String station;
        long volume;
        long declined;
        long completed;
        long onTime;
        Long consultationsDue;
        long consultationsInTime;
        long breaches;
        long evaluations;
        long satisfied;
        long clientEvaluations;
        long clientSatisfied;
        long poorGradeFollowUps;
        long poor;
        long open;
        long done;
        long late;
        Long trainings;
        Long complaints;
        long complaintsDue;
        long complaintsInTime;
        long homeVisits;
        long lateHomeVisits;
        Long transfersRefused;
        long delivered;
        long deliveredEvaluated;
        final Map<String, Long> complaintsByChannel = new TreeMap<>();
        final Map<String, Long> byCategory = new TreeMap<>();
    }

    /** The assessment as the views count it now (the recount); the figures a publication freezes. */
    @Transactional(readOnly = true)
    QuarterlyAssessmentResponse compute(FetchQuarterlyAssessmentQuery q) {
        LocalDate from = LocalDate.of(q.year(), q.quarter() * 3 - 2, 1);
        LocalDate to = YearMonth.of(q.year(), q.quarter() * 3).atEndOfMonth();
        // Staffing and training minimums (003 三(三), 003 附件4 一3–4 / 二1–2, 004 §5.3.1) as the views stand now,
        // trainings counted in the quarter's year up to its end.
        return new QuarterlyAssessmentResponse(q.level().name(), q.year(), q.quarter(), from, to, rows(q, from, to),
                staffing.flags(q.stationCode(), true, to));
    }

    /**
     * The rows of {@code q}'s station and level counted over {@code from}–{@code to} (the quarter's days, or another
     * period's: the statistics submitted upward count a month, a quarter or a year the same way).
     */
    @Transactional(readOnly = true)
    List<QuarterlyAssessmentResponse.Row> rows(FetchQuarterlyAssessmentQuery q, LocalDate from, LocalDate to) {
        ScopeSql scope = ScopeSql.of(q.stationCode(), true);
        String key = switch (q.level()) {
            case STATION -> "d.station_code";
            case ZONE -> "d.station_code || ':' || coalesce(d.window_name, '-')";
            case AGENT -> "d.agent_id";
        };
        Map<String, Figures> rows = new TreeMap<>();
        Object[] period = args(scope, Date.valueOf(from), Date.valueOf(to));
        jdbc.query(scope.cte() + "select " + key + ", min(d.station_code), "
                        + "count(*) filter (where not declined and received_on between ? and ?), "
                        + "count(*) filter (where declined and received_on between ? and ?), "
                        + "count(*) filter (where completed_on between ? and ?), "
                        + "count(*) filter (where completed_on between ? and ? and on_time), "
                        + "coalesce(sum(breaches) filter (where received_on between ? and ?), 0), "
                        + "count(*) filter (where rectification_status in ('OPEN', 'OVERDUE', 'AWAITING_RECHECK')), "
                        + "count(*) filter (where rectification_status = 'DONE' and rectification_due between ? and ?), "
                        + "count(*) filter (where rectification_status in ('LATE', 'OVERDUE') and rectification_due between ? and ?), "
                        // 一事一评 (`003 三(二)3`): the matters delivered in the quarter, and those with a grade not
                        // voided (whenever given), under the matter's own key.
                        + "count(*) filter (where delivered_on between ? and ?), "
                        + "count(*) filter (where delivered_on between ? and ? and exists (select 1 from evaluation_view e "
                        + "where e.delegation_id = d.delegation_id and not e.voided)) "
                        + "from delegation_view d where " + scope.on("d.station_code") + " group by 1",
                rs -> {
                    Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                    f.station = rs.getString(2);
                    f.volume = rs.getLong(3);
                    f.declined = rs.getLong(4);
                    f.completed = rs.getLong(5);
                    f.onTime = rs.getLong(6);
                    f.breaches = rs.getLong(7);
                    f.open = rs.getLong(8);
                    f.done = rs.getLong(9);
                    f.late = rs.getLong(10);
                    f.delivered = rs.getLong(11);
                    f.deliveredEvaluated = rs.getLong(12);
                }, args(scope, d(from), d(to), d(from), d(to), d(from), d(to), d(from), d(to), d(from), d(to),
                        d(from), d(to), d(from), d(to), d(from), d(to), d(from), d(to)));
        // 003 附件3 六5 and 002 服务对象: home visits (latest arrival in the quarter) and the volume by client category.
        jdbc.query(scope.cte() + "select " + key + ", min(d.station_code), count(*), "
                        + "count(*) filter (where home_visit_late) from delegation_view d "
                        + "where home_visit_arrived_on between ? and ? and " + scope.on("d.station_code") + " group by 1",
                rs -> {
                    Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                    f.station = f.station != null ? f.station : rs.getString(2);
                    f.homeVisits = rs.getLong(3);
                    f.lateHomeVisits = rs.getLong(4);
                }, period);
        jdbc.query(scope.cte() + "select " + key + ", c, count(*) from delegation_view d, unnest(d.client_categories) c "
                        + "where not declined and received_on between ? and ? and " + scope.on("d.station_code")
                        + " group by 1, 2",
                rs -> {
                    Figures f = rows.get(rs.getString(1));
                    if (f != null) {
                        f.byCategory.put(rs.getString(2), rs.getLong(3));
                    }
                }, period);
        String evaluationKey = switch (q.level()) {
            case STATION -> "e.station_code";
            case ZONE -> "e.station_code || ':' || coalesce(d.window_name, '-')";
            case AGENT -> "e.agent_id";
        };
        jdbc.query(scope.cte() + "select " + evaluationKey + ", min(e.station_code), count(*), "
                        + "count(*) filter (where e.overall in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')), "
                        + "count(*) filter (where e.overall in ('DISSATISFIED', 'VERY_DISSATISFIED')), "
                        + "count(*) filter (where e.channel = 'CLIENT'), "
                        + "count(*) filter (where e.channel = 'CLIENT' "
                        + "and e.overall in ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')) "
                        + "from evaluation_view e join delegation_view d on d.delegation_id = e.delegation_id "
                        + "where not e.voided and e.evaluated_on between ? and ? and " + scope.on("e.station_code")
                        + " group by 1",
                rs -> {
                    Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                    f.station = f.station != null ? f.station : rs.getString(2);
                    f.evaluations = rs.getLong(3);
                    f.satisfied = rs.getLong(4);
                    f.poor = rs.getLong(5);
                    f.clientEvaluations = rs.getLong(6);
                    f.clientSatisfied = rs.getLong(7);
                }, period);
        // Phone follow-ups of poor grades (电话回访, `004 §7.1.3`) made in the quarter, on the same key.
        jdbc.query(scope.cte() + "select " + evaluationKey + ", min(e.station_code), count(*) "
                        + "from phone_follow_up e join delegation_view d on d.delegation_id = e.delegation_id "
                        + "where e.of_poor_grade and e.called_on between ? and ? and " + scope.on("e.station_code")
                        + " group by 1",
                rs -> {
                    Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                    f.station = f.station != null ? f.station : rs.getString(2);
                    f.poorGradeFollowUps = rs.getLong(3);
                }, period);
        if (q.level() != FetchQuarterlyAssessmentQuery.Level.AGENT) {
            // 003 四(三) 严禁推诿扯皮: transfers refused in the period, under the station, or under the zone that
            // refused (the window the transfer was sent to). Read from the refusals the matters' details keep, over
            // the matters ever refused only (V168's partial index). A zone that refused and took nothing has a row
            // (before the complaints below, which give every zone row its zero).
            jdbc.query(refusalsSql(scope, q.level()),
                    rs -> {
                        Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                        f.station = f.station != null ? f.station : rs.getString(2);
                        f.transfersRefused = rs.getLong(3);
                    }, period);
            rows.values().forEach(f -> {
                if (f.transfersRefused == null) {
                    f.transfersRefused = 0L;
                }
            });
        }
        if (q.level() == FetchQuarterlyAssessmentQuery.Level.ZONE) {
            // Complaints of a zone (003 四(三)): the window of the matter complained about; a complaint naming no
            // matter, or a matter taken at no named window, counts under the station's "-" zone. Same counting as
            // the station's and agent's rows below (received in the quarter; timeliness of those due in it).
            jdbc.query(scope.cte() + "select c.station_code || ':' || coalesce(d.window_name, '-'), min(c.station_code), "
                            + "count(*) filter (where c.received_on between ? and ?), "
                            + "count(*) filter (where c.due_date between ? and ? and (c.answered_on is not null or c.overdue)), "
                            + "count(*) filter (where c.due_date between ? and ? and c.in_time) from complaint_view c "
                            + "left join delegation_view d on d.delegation_id = c.delegation_id where "
                            + scope.on("c.station_code") + " group by 1",
                    rs -> {
                        if (rs.getLong(3) == 0 && rs.getLong(4) == 0 && !rows.containsKey(rs.getString(1))) {
                            return; // nothing of this zone in the quarter
                        }
                        Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                        f.station = f.station != null ? f.station : rs.getString(2);
                        f.complaints = rs.getLong(3);
                        f.complaintsDue = rs.getLong(4);
                        f.complaintsInTime = rs.getLong(5);
                    }, args(scope, d(from), d(to), d(from), d(to), d(from), d(to)));
            rows.values().forEach(f -> {
                if (f.complaints == null) {
                    f.complaints = 0L;
                }
            });
            complaintsByChannel(rows, scope, "c.station_code || ':' || coalesce(d.window_name, '-')", from, to);
        }
        if (q.level() != FetchQuarterlyAssessmentQuery.Level.ZONE) {
            String consultationKey = q.level() == FetchQuarterlyAssessmentQuery.Level.STATION ? "c.station_code" : "c.agent_id";
            jdbc.query(scope.cte() + "select " + consultationKey + ", count(*) filter (where answered_on is not null or overdue), "
                            + "count(*) filter (where in_time) from consultation_view c "
                            + "where coalesce(reply_due, recorded_on) between ? and ? and " + consultationKey
                            + " is not null and " + scope.on("c.station_code") + " group by 1",
                    rs -> {
                        Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                        f.consultationsDue = rs.getLong(2);
                        f.consultationsInTime = rs.getLong(3);
                    }, period);
            String complaintKey = q.level() == FetchQuarterlyAssessmentQuery.Level.STATION ? "c.station_code" : "c.agent_id";
            jdbc.query(scope.cte() + "select " + complaintKey + ", count(*) filter (where received_on between ? and ?), "
                            + "count(*) filter (where due_date between ? and ? and (answered_on is not null or overdue)), "
                            + "count(*) filter (where due_date between ? and ? and in_time) from complaint_view c where "
                            + complaintKey + " is not null and " + scope.on("c.station_code") + " group by 1",
                    rs -> {
                        Figures f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                        f.complaints = rs.getLong(2);
                        f.complaintsDue = rs.getLong(3);
                        f.complaintsInTime = rs.getLong(4);
                    }, args(scope, d(from), d(to), d(from), d(to), d(from), d(to)));
            complaintsByChannel(rows, scope, complaintKey, from, to);
            String trainingKey = q.level() == FetchQuarterlyAssessmentQuery.Level.STATION ? "a.station_code" : "a.agent_id";
            jdbc.query(scope.cte() + "select " + trainingKey + ", count(r.event_id), min(a.name), min(a.station_code) "
                            + "from agent a left join agent_record r on r.agent_id = a.agent_id and r.kind = 'TRAINING' "
                            + "and r.date between ? and ? where " + scope.on("a.station_code") + " group by 1",
                    rs -> {
                        Figures f = rows.get(rs.getString(1));
                        if (f == null && q.level() == FetchQuarterlyAssessmentQuery.Level.AGENT) {
                            f = rows.computeIfAbsent(rs.getString(1), k -> new Figures());
                        }
                        if (f != null) {
                            f.trainings = rs.getLong(2);
                            if (q.level() == FetchQuarterlyAssessmentQuery.Level.AGENT) {
                                f.name = rs.getString(3);
                                f.station = rs.getString(4);
                            }
                        }
                    }, period);
        }
        if (q.level() != FetchQuarterlyAssessmentQuery.Level.AGENT && !rows.isEmpty()) {
            String[] stations = rows.values().stream().map(f -> f.station).distinct().toArray(String[]::new);
            Map<String, String> names = new java.util.HashMap<>();
            jdbc.query("select station_code, name from station_directory where station_code = any(?)",
                    rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    }, (Object) stations);
            rows.values().forEach(f -> f.name = names.get(f.station));
        }
        List<QuarterlyAssessmentResponse.Row> result = new ArrayList<>();
        rows.forEach((k, f) -> result.add(new QuarterlyAssessmentResponse.Row(k, f.name, f.station, f.volume,
                f.declined, f.completed, DashboardQueries.rate(f.onTime, f.completed), f.consultationsDue,
                f.consultationsDue == null ? null : DashboardQueries.rate(f.consultationsInTime, f.consultationsDue),
                f.breaches, f.evaluations, DashboardQueries.rate(f.satisfied, f.evaluations), f.poor, f.open, f.done,
                f.late, f.trainings, f.complaints,
                f.complaints == null ? null : DashboardQueries.rate(f.complaintsInTime, f.complaintsDue),
                f.homeVisits, f.lateHomeVisits, new TreeMap<>(f.byCategory),
                f.clientEvaluations, DashboardQueries.rate(f.clientSatisfied, f.clientEvaluations),
                f.evaluations - f.clientEvaluations,
                DashboardQueries.rate(f.satisfied - f.clientSatisfied, f.evaluations - f.clientEvaluations),
                f.poorGradeFollowUps, f.transfersRefused, f.delivered,
                DashboardQueries.rate(f.deliveredEvaluated, f.delivered),
                f.complaints == null ? null : new TreeMap<>(f.complaintsByChannel))));
        return result;
    }

    /**
     * The complaints received in the period by channel (`003 四(三)`: the channels supervision watches), under the
     * rows' key ({@code key} over {@code complaint_view c}, joined to the matter as {@code d} for a zone); a row with
     * no complaint keeps its empty map. Only rows that exist already (the complaints' own count made them).
     */
    private void complaintsByChannel(Map<String, Figures> rows, ScopeSql scope, String key, LocalDate from,
                                     LocalDate to) {
        jdbc.query(scope.cte() + "select " + key + ", c.channel, count(*) from complaint_view c "
                        + "left join delegation_view d on d.delegation_id = c.delegation_id "
                        + "where c.received_on between ? and ? and " + key + " is not null and "
                        + scope.on("c.station_code") + " group by 1, 2",
                rs -> {
                    Figures f = rows.get(rs.getString(1));
                    if (f != null) {
                        f.complaintsByChannel.put(rs.getString(2), rs.getLong(3));
                    }
                }, args(scope, d(from), d(to)));
    }

    /**
     * Transfers refused from the period's first to its last day (parameters after the scope's), per station or per
     * refusing zone ({@code level} STATION or ZONE): key, station, count.
     */
    static String refusalsSql(ScopeSql scope, FetchQuarterlyAssessmentQuery.Level level) {
        String key = level == FetchQuarterlyAssessmentQuery.Level.STATION ? "d.station_code"
                : "d.station_code || ':' || coalesce(r.value ->> 'to', '-')";
        return scope.cte() + "select " + key + ", min(d.station_code), count(*) "
                + "from delegation_view d cross join lateral jsonb_each(d.details) r "
                + "where d.transfers_refused > 0 and " + scope.on("d.station_code")
                + " and r.key like 'transfer-refused:%' "
                + "and cast(r.value ->> 'refusedOn' as date) between ? and ? group by 1";
    }

    private static Date d(LocalDate day) {
        return Date.valueOf(day);
    }

    private static Object[] args(ScopeSql scope, Object... rest) {
        List<Object> args = new ArrayList<>(scope.args());
        args.addAll(List.of(rest));
        return args.toArray();
    }
}

package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.FetchPoorGradesQuery;
import cn.daiban.kernel.dashboard.FetchSatisfactionQuery;
import cn.daiban.kernel.dashboard.FetchSatisfactionSummaryQuery;
import cn.daiban.kernel.dashboard.FetchStationDashboardQuery;
import cn.daiban.kernel.dashboard.FetchSupervisionFlagsQuery;
import cn.daiban.kernel.dashboard.PoorGradesResponse;
import cn.daiban.kernel.dashboard.SatisfactionResponse;
import cn.daiban.kernel.dashboard.SatisfactionSummaryResponse;
import cn.daiban.kernel.dashboard.Scope;
import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.kernel.dashboard.SupervisionFlagsResponse;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import cn.daiban.query.calendar.CalendarWarning;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Station dashboards, supervision flags and satisfaction views: a handful of aggregate queries over the
 * per-delegation, per-evaluation and per-consultation rows, scoped to a station or its whole subtree.
 */
@Component
public class DashboardQueries {

    private static final List<String> OPEN = List.of("HANDLING", "AWAITING_SUPPLEMENT", "ESCALATED", "SUSPENDED");

    private final JdbcTemplate jdbc;
    private final FigureSums figures;
    private final CalendarWarning calendarWarning;
    private final StaffingQueries staffing;
    private final PendingTransfers transfers;
    private final AwaitingDelivery delivery;
    private final ProgressReports progress;
    private final ResponsibleAgents responsibleAgents;
    private final cn.daiban.kernel.calendar.ServiceClock clock;

    DashboardQueries(JdbcTemplate jdbc, CalendarWarning calendarWarning, StaffingQueries staffing,
                     PendingTransfers transfers, AwaitingDelivery delivery, ProgressReports progress,
                     ResponsibleAgents responsibleAgents, cn.daiban.kernel.calendar.ServiceClock clock) {
        this.jdbc = jdbc;
        this.calendarWarning = calendarWarning;
        this.staffing = staffing;
        this.transfers = transfers;
        this.delivery = delivery;
        this.progress = progress;
        this.responsibleAgents = responsibleAgents;
        this.clock = clock;
        this.figures = new FigureSums(jdbc);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public StationDashboardResponse handle(FetchStationDashboardQuery query) {
        Scope scope = query.scope();
        ScopeSql s = ScopeSql.of(scope.stationCode(), scope.rollUp());
        Date from = Date.valueOf(scope.from());
        Date to = Date.valueOf(scope.to());

        // The delegation and evaluation figures come from the projection's counters (FigureSums): stations x
        // periods, not matters. What is still counted here reads the small tables (consultations, complaints,
        // missed appointments) and the flagged open matters (flags()), none of which grows with all the matters.
        Map<String, Object> counts = figures.dated(s, scope.from(), scope.to(), query.today());
        Map<String, Long> open = figures.open(s);
        // 002 资料归档 (办结 … 或因其他原因终止): a delivered or ended matter stays here until archived; a declined intake
        // only once it held materials to hand back (assumption: a refusal at the counter without materials has
        // nothing to file beyond its ledger row).
        Map<String, Long> awaitingArchive = new LinkedHashMap<>();
        awaitingArchive.put("DELIVERED", open.get("AWAITING_ARCHIVE_DELIVERED"));
        awaitingArchive.put("TERMINATED", open.get("AWAITING_ARCHIVE_TERMINATED"));
        awaitingArchive.put("DECLINED", open.get("AWAITING_ARCHIVE_DECLINED"));
        long archived = number(counts.get("archived"));
        Map<String, Long> openByStatus = new LinkedHashMap<>();
        OPEN.forEach(status -> openByStatus.put(status, open.get(status)));
        Map<String, Object> consultations = jdbc.queryForMap(s.cte() + """
                        select
                          count(*) filter (where in_time) as in_time,
                          count(*) filter (where answered_on is not null or overdue) as due
                        from consultation_view c where coalesce(reply_due, recorded_on) between ? and ? and\s"""
                        + s.on("c.station_code"),
                args(s, from, to));
        Map<String, Object> complaints = jdbc.queryForMap(s.cte() + """
                        select
                          count(*) filter (where received_on between ? and ?) as received,
                          count(*) filter (where due_date between ? and ? and (answered_on is not null or overdue)) as due,
                          count(*) filter (where due_date between ? and ? and in_time) as in_time
                        from complaint_view c where\s""" + s.on("c.station_code"),
                args(s, from, to, from, to, from, to));
        Long missed = jdbc.queryForObject(s.cte() + "select count(*) from appointment_view a where stage = 'MISSED' "
                + "and day between ? and ? and " + s.on("a.station_code"), Long.class, args(s, from, to));
        Long openProblems = jdbc.queryForObject(openProblemsSql(s), Long.class, args(s));
        Map<String, Object> failures = jdbc.queryForMap(failuresSql(s), args(s, from, to));
        // Overall grades of the evaluations not voided, recorded in the period; every grade named, as before.
        Map<String, Long> satisfaction = emptyGrades();
        satisfaction.replaceAll((grade, zero) ->
                number(counts.get("grade_" + grade.toLowerCase(java.util.Locale.ROOT))));
        // Matters taken on in the period by client category (a matter under each of its categories).
        Map<String, Long> byCategory = figures.byCategory(s, scope.from(), scope.to());
        List<StationDashboardResponse.Flag> flags = flags(scope.stationCode(), scope.rollUp(), null, query.today());
        long completed = number(counts.get("completed"));
        long onTime = number(counts.get("on_time"));
        long due = number(consultations.get("due"));
        long inTime = number(consultations.get("in_time"));
        long handlingCounted = number(counts.get("handling_counted"));
        Double avg = handlingCounted == 0 ? null
                : (double) number(counts.get("handling_days")) / handlingCounted;
        return new StationDashboardResponse(scope.stationCode(), scope.rollUp(), scope.from(), scope.to(), query.today(),
                number(counts.get("intake")), number(counts.get("declined")), number(counts.get("same_day")),
                // At risk: the yellow flags of a matter's own time limit; those naming a rule of their own (a
                // transfer waiting or refused, a result not delivered, a client not told) and late visits are apart.
                openByStatus, flags.stream().filter(f -> f.colour().equals("YELLOW") && !lateVisit(f)
                        && f.rule() == null).toList(),
                flags.stream().filter(f -> f.colour().equals("RED")).toList(), completed, onTime,
                rate(onTime, completed), due, inTime, rate(inTime, due),
                avg == null ? null : Math.round(avg * 100) / 100.0,
                number(counts.get("breaches")), satisfaction, open.get("RECTIFICATIONS"),
                number(complaints.get("received")), number(complaints.get("due")), number(complaints.get("in_time")),
                rate(number(complaints.get("in_time")), number(complaints.get("due"))), missed == null ? 0 : missed,
                byCategory, number(counts.get("home_visits")), number(counts.get("home_visits_late")),
                flags.stream().filter(DashboardQueries::lateVisit).toList(),
                awaitingArchive, archived, calendarWarning.on(query.today()).orElse(null),
                staffing.flags(scope.stationCode(), scope.rollUp(), scope.to()),
                delivery.count(scope.stationCode(), scope.rollUp()),
                flags.stream().filter(f -> AwaitingDelivery.RULE.equals(f.rule())).toList(),
                openProblems == null ? 0 : openProblems, number(failures.get("failed")),
                number(failures.get("reapplied")), number(counts.get("intake_in_period")),
                number(counts.get("declined_in_period")));
    }

    @QueryHandler
    @Transactional(readOnly = true)
    SupervisionFlagsResponse handle(FetchSupervisionFlagsQuery query) {
        String colour = query.colour() == null ? null : query.colour().name();
        LocalDate today = clock.today();
        List<StationDashboardResponse.Flag> flags = new ArrayList<>(flags(query.stationCode(), true, colour, today));
        // 002 代办·承办: a proxy in hand whose client has heard nothing for too long (yellow). Supervision's list only:
        // the dashboard lists none of them, so it does not read them.
        if (colour == null || colour.equals("YELLOW")) {
            flags.addAll(progress.flags(query.stationCode(), true, today));
            // 002 一对一服务: an open matter whose first responsible agent was deactivated (yellow).
            flags.addAll(responsibleAgents.flags(query.stationCode(), true));
        }
        return new SupervisionFlagsResponse(flags);
    }

    /** A late home visit (003 附件3 六5) is a yellow flag for supervision; the dashboard lists it apart from "at risk". */
    static final String LATE_VISIT_REASON = "上门服务未按约定时间到达";

    private static boolean lateVisit(StationDashboardResponse.Flag flag) {
        return flag.reason().startsWith(LATE_VISIT_REASON);
    }

    /**
     * The at-risk and overdue lists. Not counters, on purpose: whether a matter is at risk or overdue depends on
     * today, and the command side's deadline sweeps set it on the row (at_risk, overdue, hop_overdue) as the day
     * comes; the dashboard shows each flagged matter, so this reads the flagged open rows through the partial
     * indexes {@code delegation_view_open_flags} and {@code delegation_view_open_late_visits} (V162), whose size is
     * the number of flagged open matters, not of all matters.
     */
    private List<StationDashboardResponse.Flag> flags(String station, boolean rollUp, String colour, LocalDate today) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        List<StationDashboardResponse.Flag> flags = jdbc.query(flagsSql(s),
                (rs, n) -> {
                    // Tolerated materials (容缺, 000 §7.2.1 d) are followed up like a supplement: outstanding ones
                    // are a yellow flag, one past its committed date a red one; the reason names each.
                    boolean red = rs.getBoolean("overdue") || rs.getBoolean("hop_overdue")
                            || rs.getInt("tolerated_overdue") > 0;
                    String clock = rs.getBoolean("overdue") ? "已超过办理时限"
                            : rs.getBoolean("hop_overdue") ? "上报环节超时（" + rs.getString("hop_overdue_station") + "）"
                            : rs.getBoolean("at_risk") ? "临近办理时限" : null;
                    String materials = rs.getString("materials_remark");
                    String reason = clock == null ? materials : materials == null ? clock : clock + "；" + materials;
                    return new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), red ? "RED" : "YELLOW",
                            reason);
                }, s.args().toArray());
        flags = new ArrayList<>(flags);
        flags.addAll(jdbc.query(lateVisitsSql(s),
                (rs, n) -> new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), "YELLOW",
                        LATE_VISIT_REASON), s.args().toArray()));
        // 003 三(五): a transfer waiting for its receiver longer than a working day; 003 四(三): a matter whose
        // transfers were refused twice or more (both yellow; kept out of "at risk").
        flags.addAll(transfers.flags(station, rollUp, today));
        flags.addAll(transfers.refusedFlags(station, rollUp));
        // 004 §6.3.3.3, 000 §6.4: a result not delivered within the working days allowed (yellow; listed apart).
        flags.addAll(delivery.flags(station, rollUp, today));
        return colour == null ? flags : flags.stream().filter(f -> f.colour().equals(colour)).toList();
    }

    /** The flagged open matters of a scope; the condition is V162's index {@code delegation_view_open_flags}'s. */
    static String flagsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.deadline,
                       d.at_risk, d.overdue, d.hop_overdue, d.hop_overdue_station, d.tolerated_overdue,
                       d.materials_remark
                from delegation_view d left join station_directory st on st.station_code = d.station_code
                where d.status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED')
                  and (d.at_risk or d.overdue or d.hop_overdue or d.tolerated_outstanding > 0) and\s"""
                + s.on("d.station_code") + " order by d.deadline, d.delegation_id";
    }

    /**
     * The open matters of a scope visited late; the condition is V162's index
     * {@code delegation_view_open_late_visits}'s.
     */
    static String lateVisitsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.deadline
                from delegation_view d left join station_directory st on st.station_code = d.station_code
                where d.status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED')
                  and d.home_visit_late and\s""" + s.on("d.station_code") + " order by d.deadline, d.delegation_id";
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public SatisfactionResponse handle(FetchSatisfactionQuery query) {
        Scope scope = query.scope();
        ScopeSql s = ScopeSql.of(scope.stationCode(), scope.rollUp());
        String key = switch (query.groupBy()) {
            case STATION -> "e.station_code";
            case AGENT -> "e.agent_id";
            case ITEM -> "coalesce(e.item_code, '')";
            case MONTH -> "to_char(e.evaluated_on, 'YYYY-MM')";
            case QUARTER -> "to_char(e.evaluated_on, 'YYYY') || '-Q' || to_char(e.evaluated_on, 'Q')";
        };
        Map<String, Map<String, Map<String, Long>>> byGroup = new LinkedHashMap<>();
        for (String aspect : List.of("overall", "attitude", "quality", "efficiency")) {
            jdbc.query(s.cte() + "select " + key + " as k, e." + aspect + ", count(*) from evaluation_view e "
                            + "where not voided and evaluated_on between ? and ? and " + s.on("e.station_code")
                            + " group by 1, 2 order by 1",
                    rs -> {
                        byGroup.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                                .computeIfAbsent(aspect, a -> emptyGrades()).put(rs.getString(2), rs.getLong(3));
                    }, args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        }
        Map<String, long[]> deliveries = new LinkedHashMap<>();
        String deliveryKey = switch (query.groupBy()) {
            case STATION -> "d.station_code";
            case AGENT -> "d.agent_id";
            case ITEM -> "coalesce(d.item_code, '')";
            case MONTH, QUARTER -> null;
        };
        if (deliveryKey != null) {
            jdbc.query(s.cte() + "select " + deliveryKey + ", count(*), count(*) filter (where exists ("
                            + "select 1 from evaluation_view e where e.delegation_id = d.delegation_id and not e.voided)) "
                            + "from delegation_view d where delivered_on between ? and ? and " + s.on("d.station_code")
                            + " group by 1",
                    rs -> {
                        deliveries.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                    }, args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        }
        // Client-entered (channel CLIENT, through the invitation, `003 三(二)3`) and staff-entered grades apart.
        Map<String, Map<String, Map<String, Long>>> bySource = new LinkedHashMap<>();
        jdbc.query(s.cte() + "select " + key + " as k, case when e.channel = 'CLIENT' then 'CLIENT' else 'STAFF' end, "
                        + "e.overall, count(*) from evaluation_view e where not voided and evaluated_on between ? and ? "
                        + "and " + s.on("e.station_code") + " group by 1, 2, 3",
                rs -> {
                    bySource.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), a -> emptyGrades()).put(rs.getString(3), rs.getLong(4));
                }, args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        // Phone follow-ups made in the period (电话回访, `004 §7.1.3`), and those that followed a poor grade.
        Map<String, long[]> followUps = new LinkedHashMap<>();
        jdbc.query(s.cte() + "select " + key.replace("e.evaluated_on", "e.called_on") + " as k, count(*), "
                        + "count(*) filter (where e.of_poor_grade) from phone_follow_up e "
                        + "where called_on between ? and ? and " + s.on("e.station_code") + " group by 1",
                rs -> {
                    followUps.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                }, args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        List<String> keys = new ArrayList<>(byGroup.keySet());
        deliveries.keySet().stream().filter(k -> !byGroup.containsKey(k)).forEach(keys::add);
        followUps.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        List<SatisfactionResponse.Group> groups = keys.stream().sorted().map(k -> {
            Map<String, Map<String, Long>> aspects = byGroup.getOrDefault(k, Map.of());
            Map<String, Long> overall = aspects.getOrDefault("overall", emptyGrades());
            long total = overall.values().stream().mapToLong(Long::longValue).sum();
            long satisfied = overall.entrySet().stream()
                    .filter(e -> SatisfactionGrade.valueOf(e.getKey()).isSatisfied())
                    .mapToLong(Map.Entry::getValue).sum();
            long[] delivered = deliveries.get(k);
            Long deliveredCount = null;
            Long evaluatedCount = null;
            if (delivered != null) {
                deliveredCount = delivered[0];
                evaluatedCount = delivered[1];
            } else if (deliveryKey != null) {
                deliveredCount = 0L;
                evaluatedCount = 0L;
            }
            Map<String, Long> client = bySource.getOrDefault(k, Map.of()).getOrDefault("CLIENT", emptyGrades());
            Map<String, Long> staff = bySource.getOrDefault(k, Map.of()).getOrDefault("STAFF", emptyGrades());
            long[] calls = followUps.getOrDefault(k, new long[]{0, 0});
            return new SatisfactionResponse.Group(k, total, overall, rate(satisfied, total),
                    aspects.getOrDefault("attitude", emptyGrades()), aspects.getOrDefault("quality", emptyGrades()),
                    aspects.getOrDefault("efficiency", emptyGrades()), deliveredCount, evaluatedCount,
                    delivered == null ? null : rate(delivered[1], delivered[0]),
                    sum(client), client, rate(satisfiedIn(client), sum(client)),
                    sum(staff), staff, rate(satisfiedIn(staff), sum(staff)), calls[0], calls[1]);
        }).toList();
        return new SatisfactionResponse(query.groupBy().name(), groups);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    PoorGradesResponse handle(FetchPoorGradesQuery query) {
        Scope scope = query.scope();
        ScopeSql s = ScopeSql.of(scope.stationCode(), scope.rollUp());
        String sql = s.cte() + """
                select e.*, d.rectification_status, d.rectification_due
                from evaluation_view e join delegation_view d on d.delegation_id = e.delegation_id
                where e.evaluated_on between ? and ? and\s""" + s.on("e.station_code");
        List<PoorGradesResponse.Row> poor = jdbc.query(sql + " and e.overall in ('DISSATISFIED', 'VERY_DISSATISFIED')"
                + " order by e.evaluated_on, e.delegation_id", (rs, n) -> poorRow(rs),
                args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        List<PoorGradesResponse.Row> voided = jdbc.query(sql + " and e.voided order by e.evaluated_on, e.delegation_id",
                (rs, n) -> poorRow(rs), args(s, Date.valueOf(scope.from()), Date.valueOf(scope.to())));
        return new PoorGradesResponse(poor, voided);
    }

    private static PoorGradesResponse.Row poorRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        boolean voided = rs.getBoolean("voided");
        return new PoorGradesResponse.Row(rs.getString("delegation_id"), rs.getInt("number"),
                rs.getString("station_code"), rs.getString("agent_id"), rs.getString("item_code"),
                rs.getString("overall"), rs.getString("comment"), rs.getObject("evaluated_on", LocalDate.class),
                voided ? "VOIDED" : rs.getString("rectification_status"),
                rs.getObject("rectification_due", LocalDate.class), rs.getString("void_reason"));
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<SatisfactionSummaryResponse> handle(FetchSatisfactionSummaryQuery query) {
        Scope scope = query.scope();
        String name = jdbc.query("select name from station_directory where station_code = ?",
                rs -> rs.next() ? rs.getString(1) : null, scope.stationCode());
        if (name == null) {
            return Optional.empty();
        }
        ScopeSql s = ScopeSql.of(scope.stationCode(), scope.rollUp());
        Date from = Date.valueOf(scope.from());
        Date to = Date.valueOf(scope.to());
        Map<String, Long> grades = gradeCounts(s.cte() + "select overall, count(*) from evaluation_view e where "
                + "not voided and evaluated_on between ? and ? and " + s.on("e.station_code") + " group by overall",
                args(s, from, to));
        long evaluations = grades.values().stream().mapToLong(Long::longValue).sum();
        long satisfied = grades.entrySet().stream().filter(e -> SatisfactionGrade.valueOf(e.getKey()).isSatisfied())
                .mapToLong(Map.Entry::getValue).sum();
        Map<String, Object> d = jdbc.queryForMap(s.cte() + """
                        select count(*) filter (where delivered_on between ? and ?) as delivered,
                               count(*) filter (where delivered_on between ? and ? and exists (select 1 from
                                   evaluation_view e where e.delegation_id = d.delegation_id and not e.voided)) as evaluated,
                               count(*) filter (where completed_on between ? and ?) as completed,
                               count(*) filter (where completed_on between ? and ? and on_time) as on_time,
                               count(*) filter (where rectification_status in ('DONE', 'LATE')
                                   and completed_on between ? and ?) as rectified
                        from delegation_view d where\s""" + s.on("d.station_code"),
                args(s, from, to, from, to, from, to, from, to, from, to));
        Long poor = jdbc.queryForObject(s.cte() + "select count(*) from evaluation_view e where not voided "
                + "and overall in ('DISSATISFIED', 'VERY_DISSATISFIED') and evaluated_on between ? and ? and "
                + s.on("e.station_code"), Long.class, args(s, from, to));
        long delivered = number(d.get("delivered"));
        long completed = number(d.get("completed"));
        Map<String, Long> client = gradeCounts(s.cte() + "select overall, count(*) from evaluation_view e where "
                + "not voided and channel = 'CLIENT' and evaluated_on between ? and ? and " + s.on("e.station_code")
                + " group by overall", args(s, from, to));
        Map<String, Object> calls = jdbc.queryForMap(s.cte() + "select count(*) as calls, count(*) filter (where "
                + "of_poor_grade) as poor from phone_follow_up e where called_on between ? and ? and "
                + s.on("e.station_code"), args(s, from, to));
        long clientEntered = sum(client);
        long clientSatisfied = satisfiedIn(client);
        // The aspects of 004 §7.1.2 (服务态度、服务质量、服务效率) at the station's level, as the agents' rates count them.
        Map<String, Object> aspects = jdbc.queryForMap(s.cte() + """
                        select count(*) filter (where e.attitude in (%1$s)) as attitude,
                               count(*) filter (where e.quality in (%1$s)) as quality,
                               count(*) filter (where e.efficiency in (%1$s)) as efficiency
                        from evaluation_view e where not e.voided and e.evaluated_on between ? and ? and\s"""
                .formatted(SATISFIED_GRADES) + s.on("e.station_code"), args(s, from, to));
        Map<String, Object> complaints = jdbc.queryForMap(s.cte() + """
                        select count(*) filter (where received_on between ? and ?) as received,
                               count(*) filter (where due_date between ? and ? and (answered_on is not null or overdue)) as due,
                               count(*) filter (where due_date between ? and ? and in_time) as in_time
                        from complaint_view c where\s""" + s.on("c.station_code"), args(s, from, to, from, to, from, to));
        return Optional.of(new SatisfactionSummaryResponse(scope.stationCode(), name, scope.from(), scope.to(),
                evaluations, grades, rate(satisfied, evaluations), delivered, rate(number(d.get("evaluated")), delivered),
                completed, rate(number(d.get("on_time")), completed), poor == null ? 0 : poor,
                number(d.get("rectified")), number(complaints.get("received")),
                rate(number(complaints.get("in_time")), number(complaints.get("due"))),
                clientEntered, rate(clientSatisfied, clientEntered), evaluations - clientEntered,
                rate(satisfied - clientSatisfied, evaluations - clientEntered), number(calls.get("calls")),
                number(calls.get("poor")), agentResults(s, from, to),
                rate(number(aspects.get("attitude")), evaluations), rate(number(aspects.get("quality")), evaluations),
                rate(number(aspects.get("efficiency")), evaluations)));
    }

    /** The grades that count as satisfied, as SQL literals ({@link SatisfactionGrade#isSatisfied}). */
    private static final String SATISFIED_GRADES = java.util.Arrays.stream(SatisfactionGrade.values())
            .filter(SatisfactionGrade::isSatisfied).map(g -> "'" + g.name() + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    /**
     * 对服务人员的工作应及时评价，并及时公布结果 (`004 §7.1.1`): each active agent of the scope with evaluations in the
     * period, by name, with the share satisfied overall and in each aspect (`004 §7.1.2`). Voided evaluations are not
     * counted. One query over the period's evaluations; agents by name.
     */
    private List<SatisfactionSummaryResponse.AgentResult> agentResults(ScopeSql s, Date from, Date to) {
        return jdbc.query(s.cte() + """
                        select a.name, count(*) as evaluations,
                               count(*) filter (where e.overall in (%1$s)) as overall,
                               count(*) filter (where e.attitude in (%1$s)) as attitude,
                               count(*) filter (where e.quality in (%1$s)) as quality,
                               count(*) filter (where e.efficiency in (%1$s)) as efficiency
                        from evaluation_view e join agent a on a.agent_id = e.agent_id
                        where not e.voided and a.active and e.evaluated_on between ? and ? and\s""".formatted(
                        SATISFIED_GRADES) + s.on("e.station_code")
                        + " group by a.agent_id, a.name order by a.name, a.agent_id",
                (rs, n) -> {
                    long count = rs.getLong("evaluations");
                    return new SatisfactionSummaryResponse.AgentResult(rs.getString("name"), count,
                            rate(rs.getLong("overall"), count), rate(rs.getLong("attitude"), count),
                            rate(rs.getLong("quality"), count), rate(rs.getLong("efficiency"), count));
                }, args(s, from, to));
    }

    private static long sum(Map<String, Long> grades) {
        return grades.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long satisfiedIn(Map<String, Long> grades) {
        return grades.entrySet().stream().filter(e -> SatisfactionGrade.valueOf(e.getKey()).isSatisfied())
                .mapToLong(Map.Entry::getValue).sum();
    }

    private Map<String, Long> gradeCounts(String sql, Object[] args) {
        Map<String, Long> counts = emptyGrades();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }

    private static Map<String, Long> emptyGrades() {
        Map<String, Long> grades = new LinkedHashMap<>();
        for (SatisfactionGrade grade : SatisfactionGrade.values()) {
            grades.put(grade.name(), 0L);
        }
        return grades;
    }

    /**
     * 001 §6.4.2 (对未代办成功的事项…协助重新办理): the scope's matters completed without success in the period, and how
     * many of them have been applied for again since (a matter naming one as its previous matter, at any station),
     * read through the failures' partial index (V176) and the re-applications' (V172): a few rows per station and
     * month, not the matters. Assumption: a matter terminated or withdrawn is not a failure here (it ended without a
     * completion); it may be applied for again all the same.
     */
    static String failuresSql(ScopeSql s) {
        return s.cte() + """
                select count(*) as failed,
                       count(*) filter (where exists (select from delegation_view r
                                                      where r.previous_delegation_id = d.delegation_id)) as reapplied
                from delegation_view d
                where d.successful = false and d.completed_on between ? and ? and\s""" + s.on("d.station_code");
    }

    /** The work logs' problems still open in the scope (工作日志), counted on their partial index (V171). */
    static String openProblemsSql(ScopeSql s) {
        return s.cte() + "select count(*) from work_log_entry w where " + LedgerQueries.OPEN_PROBLEM + " and "
                + s.on("w.station_code");
    }

    private static Object[] args(ScopeSql scope, Object... rest) {
        List<Object> args = new ArrayList<>(scope.args());
        args.addAll(List.of(rest));
        return args.toArray();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A rate rounded to four places, or null when there is nothing to rate. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}

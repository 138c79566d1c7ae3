package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.query.calendar.CalendarProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed matters whose result has not reached the client yet (004 §6.3.3.3 及时向服务对象送达相关证照或批复文件,
 * 000 §6.4 办结后及时将办理结果反馈服务对象): how many, and those waiting longer than
 * {@link DeliveryProperties#withinWorkingDays()} working days after the day of completion, as yellow flags naming
 * {@link #RULE}. Read through the view's {@code (status, station_code)} index, whose COMPLETED entries are the
 * matters awaiting delivery now, not all matters. Working days follow the loaded calendar; a day of a year not loaded counts by weekends alone
 * (as for transfers, {@link PendingTransfers}).
 */
@Component
public class AwaitingDelivery {

    /** The rule the flag names. */
    public static final String RULE = "result-delivered-promptly";

    /** The flag's reason starts with this. */
    static final String REASON = "办结后结果未送达";

    private final JdbcTemplate jdbc;
    private final CalendarProjection calendar;
    private final DeliveryProperties delivery;

    AwaitingDelivery(JdbcTemplate jdbc, CalendarProjection calendar, DeliveryProperties delivery) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.delivery = delivery;
    }

    /** The scope's completed matters not delivered yet. */
    long count(String station, boolean rollUp) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        Long count = jdbc.queryForObject(countSql(s), Long.class, s.args().toArray());
        return count == null ? 0 : count;
    }

    static String countSql(ScopeSql s) {
        return s.cte() + "select count(*) from delegation_view d where d.status = 'COMPLETED' and "
                + s.on("d.station_code");
    }

    /**
     * The scope's completed matters not delivered within the working days allowed, on {@code today}, oldest first;
     * each flag's {@code deadline} is the day its result was due. Matters completed too recently to be late on any
     * calendar (fewer calendar days ago than the working days that must pass) are not read.
     */
    List<StationDashboardResponse.Flag> flags(String station, boolean rollUp, LocalDate today) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        WorkingDayCalendar days = calendar.current().provisionalBeyondLoadedYears();
        List<Object> args = new ArrayList<>(s.args());
        args.add(java.sql.Date.valueOf(today.minusDays(delivery.withinWorkingDays() + 1L)));
        List<StationDashboardResponse.Flag> flags = new ArrayList<>();
        jdbc.query(flagsSql(s), rs -> {
            LocalDate completedOn = rs.getObject("completed_on", LocalDate.class);
            if (completedOn != null && late(completedOn, today, days)) {
                flags.add(new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), due(completedOn, days), "YELLOW",
                        REASON + "（" + completedOn + "办结，" + (rs.getBoolean("successful") ? "待送达证照或批复文件"
                                : "待告知未办成原因并退还材料") + "）", RULE));
            }
        }, args.toArray());
        return flags;
    }

    /**
     * Completed matters of the scope completed on or before the last parameter, oldest first; not those whose result
     * could not be handed over and is kept for collection (留存待领: the station did its part, and they stay counted).
     */
    static String flagsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.completed_on,
                       d.successful
                from delegation_view d left join station_directory st on st.station_code = d.station_code
                where d.status = 'COMPLETED' and d.result_held_on is null and\s""" + s.on("d.station_code")
                + " and d.completed_on <= ? order by d.completed_on, d.delegation_id";
    }

    /** The day by which the result of a matter completed on {@code completedOn} is due. */
    LocalDate due(LocalDate completedOn, WorkingDayCalendar days) {
        return WorkingDayLimits.due(completedOn, delivery.withinWorkingDays(), days);
    }

    /**
     * Whether a matter completed on {@code completedOn} and not delivered on {@code today} waits too long: once more
     * than the allowed working days have passed after the day of completion (allowed 3, completed on a Monday:
     * flagged from Friday).
     */
    boolean late(LocalDate completedOn, LocalDate today, WorkingDayCalendar days) {
        return WorkingDayLimits.late(completedOn, delivery.withinWorkingDays(), today, days);
    }
}

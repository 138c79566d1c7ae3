package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.query.calendar.CalendarProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Proxies whose clients hear how they stand (002 代办·承办 服务人员需定期向服务对象提供进度报告): a proxy in hand (HANDLING
 * or ESCALATED) whose client has heard nothing for longer than {@link ProgressProperties#reportEveryWorkingDays()}
 * working days is a yellow flag naming {@link #RULE}. "Heard" is the day of intake, a progress report, a supplement
 * received or a continuation, whichever is latest ({@code last_reported_on}). Assumptions, named: the seed's clause
 * is on 代办, so assists (帮办, the client does the errand with help) are not flagged; a matter waiting for the client
 * (materials owed) or suspended is not in hand, and is flagged again only once it is and the interval has passed
 * since the client was last in touch. Read through the view's {@code (status, station_code)} index: the matters in
 * hand, not all matters.
 */
@Component
public class ProgressReports {

    /** The rule the flag names. */
    public static final String RULE = "progress-reported-regularly";

    /** The flag's reason starts with this. */
    static final String REASON = "代办事项未定期报告进度";

    private final JdbcTemplate jdbc;
    private final CalendarProjection calendar;
    private final ProgressProperties progress;

    ProgressReports(JdbcTemplate jdbc, CalendarProjection calendar, ProgressProperties progress) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.progress = progress;
    }

    /**
     * The scope's proxies in hand whose client last heard more than the allowed working days before {@code today},
     * longest silent first; each flag's {@code deadline} is the day the next report was due. Those in touch too
     * recently to be late on any calendar are not read.
     */
    List<StationDashboardResponse.Flag> flags(String station, boolean rollUp, LocalDate today) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        WorkingDayCalendar days = calendar.current().provisionalBeyondLoadedYears();
        List<Object> args = new ArrayList<>(s.args());
        args.add(java.sql.Date.valueOf(today.minusDays(progress.reportEveryWorkingDays() + 1L)));
        List<StationDashboardResponse.Flag> flags = new ArrayList<>();
        jdbc.query(flagsSql(s), rs -> {
            LocalDate heard = rs.getObject("heard_on", LocalDate.class);
            if (heard != null && late(heard, today, days)) {
                flags.add(new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), due(heard, days), "YELLOW",
                        REASON + "（超过" + progress.reportEveryWorkingDays() + "个工作日，上次：" + heard + "）", RULE));
            }
        }, args.toArray());
        return flags;
    }

    /** The proxies in hand of a scope last heard on or before the last parameter, longest silent first. */
    static String flagsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name,
                       coalesce(d.last_reported_on, d.received_on) heard_on
                from delegation_view d left join station_directory st on st.station_code = d.station_code
                where d.kind = 'PROXY' and d.status in ('HANDLING', 'ESCALATED') and\s""" + s.on("d.station_code")
                + " and coalesce(d.last_reported_on, d.received_on) <= ? order by heard_on, d.delegation_id";
    }

    /** Whether a client last in touch on {@code heard} and not since waits too long on {@code today}. */
    boolean late(LocalDate heard, LocalDate today, WorkingDayCalendar days) {
        return WorkingDayLimits.late(heard, progress.reportEveryWorkingDays(), today, days);
    }

    /** The day by which the client of a matter last in touch on {@code heard} hears again. */
    LocalDate due(LocalDate heard, WorkingDayCalendar days) {
        return WorkingDayLimits.due(heard, progress.reportEveryWorkingDays(), days);
    }
}

package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.query.calendar.CalendarProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Transfers between zones or windows waiting for their receiver (`003 三(五)` 及时受理其他服务区转办的业务), and whether
 * one waits longer than a working day; and matters whose transfers their receivers keep refusing (`003 四(三)`
 * 严禁推诿扯皮).
 *
 * <p>Assumption, named: "older than one working day" is counted in whole days. A transfer requested on day D is
 * late once two working days have passed after D (the receiver has the rest of D and all of the next working day):
 * requested on Monday, flagged from Wednesday; on Friday, from Tuesday. Working days follow the loaded calendar; a
 * day of a year not loaded counts by weekends alone. A transfer still waiting when its matter ends is no longer
 * flagged (only open matters are).
 */
@Component
public class PendingTransfers {

    /** The rule the flag names. */
    public static final String RULE = "transfer-accepted-within-a-working-day";

    /** The flag's reason starts with this. */
    static final String REASON = "转办待接收超过1个工作日";

    /** The rule a matter passed back and forth breaks (003 四(三) 严禁推诿扯皮). */
    public static final String REFUSED_RULE = "transfer-refused-at-most-once";

    /**
     * From this many refusals on, an open matter is flagged. Assumption, named: one refusal is a transfer sent to the
     * wrong zone, which the receiver rightly returns (the reason says why); a second means two receivers found the
     * matter not theirs, and a supervisor checks whether it is being passed back and forth. Counted over the
     * matter's whole life, whoever refused; the flag stays while the matter is open, also once a later transfer was
     * accepted (a supervisor closes the question by reading the refusals' reasons in its details).
     */
    static final int REFUSALS_FLAGGED = 2;

    /** The refused-transfers flag's reason starts with this. */
    static final String REFUSED_REASON = "转办被退回";

    private final JdbcTemplate jdbc;
    private final CalendarProjection calendar;
    private final ServiceClock clock;

    PendingTransfers(JdbcTemplate jdbc, CalendarProjection calendar, ServiceClock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Whether a transfer requested at {@code requestedAt} and still waiting on {@code today} waits too long. */
    public boolean late(Instant requestedAt, LocalDate today) {
        return late(requestedAt, today, calendar.current().provisionalBeyondLoadedYears());
    }

    boolean late(Instant requestedAt, LocalDate today, WorkingDayCalendar days) {
        return WorkingDayLimits.late(clock.dayOf(requestedAt), 1, today, days);
    }

    /** The open matters of the scope whose transfer waits longer than a working day on {@code today}, as flags. */
    List<StationDashboardResponse.Flag> flags(String station, boolean rollUp, LocalDate today) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        WorkingDayCalendar days = calendar.current().provisionalBeyondLoadedYears();
        return jdbc.query(s.cte() + """
                        select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.deadline,
                               d.transfer_from, d.transfer_to, d.transfer_requested_at
                        from delegation_view d left join station_directory st on st.station_code = d.station_code
                        where d.transfer_to is not null
                          and d.status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED') and\s"""
                        + s.on("d.station_code") + " order by d.transfer_requested_at, d.delegation_id",
                (rs, n) -> late(rs.getTimestamp("transfer_requested_at").toInstant(), today, days)
                        ? new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), "YELLOW",
                        REASON + "（" + (rs.getString("transfer_from") == null ? "" : rs.getString("transfer_from"))
                                + "→" + rs.getString("transfer_to") + "，" + clock.dayOf(
                                rs.getTimestamp("transfer_requested_at").toInstant()) + "转出）", RULE)
                        : null, s.args().toArray()).stream().filter(f -> f != null).toList();
    }

    /**
     * The open matters of the scope whose transfers were refused {@link #REFUSALS_FLAGGED} times or more, as yellow
     * flags naming {@link #REFUSED_RULE}; read through V168's partial index {@code delegation_view_refused_transfers}
     * (its size is the matters ever refused, not all matters; {@code > 0} is the index's own condition, stated
     * beside the threshold because a parameter cannot prove it).
     */
    List<StationDashboardResponse.Flag> refusedFlags(String station, boolean rollUp) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        List<Object> args = new java.util.ArrayList<>(s.args());
        args.add(REFUSALS_FLAGGED);
        return jdbc.query(refusedFlagsSql(s),
                (rs, n) -> new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), "YELLOW",
                        REFUSED_REASON + rs.getInt(7) + "次（严禁推诿扯皮，请核查各次退回理由）", REFUSED_RULE),
                args.toArray());
    }

    /** The open matters of a scope refused at least as often as its last parameter says, most refused first. */
    static String refusedFlagsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.deadline,
                       d.transfers_refused
                from delegation_view d left join station_directory st on st.station_code = d.station_code
                where d.status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED') and\s"""
                + s.on("d.station_code") + """
                 and d.transfers_refused > 0 and d.transfers_refused >= ?
                order by d.transfers_refused desc, d.deadline, d.delegation_id""";
    }
}

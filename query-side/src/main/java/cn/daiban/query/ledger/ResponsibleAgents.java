package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.StationDashboardResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Open matters whose first responsible agent has left (002 一对一服务: 代办员是第一责任人; 调整…应与服务对象充分沟通和解释):
 * an agent deactivated keeps the matters recorded against them until someone is given them (a reassignment), and
 * nothing else tells supervision or the station that a client's matter has nobody behind it. A yellow flag naming
 * {@link #RULE}, on supervision's list. Read from the deactivated agents (a few), through the view's
 * {@code (agent_id, station_code)} index, not from every open matter. Assumption, named in the README: an agent
 * transferred to another station is not flagged here (their matters stay theirs, and that station is theirs too).
 */
@Component
public class ResponsibleAgents {

    /** The rule the flag names. */
    public static final String RULE = "responsible-agent-active";

    /** The flag's reason. */
    static final String REASON = "第一责任人已停用，需调整代办员并告知服务对象";

    private final JdbcTemplate jdbc;

    ResponsibleAgents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope's open matters whose responsible agent is deactivated, by deadline. */
    List<StationDashboardResponse.Flag> flags(String station, boolean rollUp) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        return jdbc.query(flagsSql(s), (rs, n) -> new StationDashboardResponse.Flag(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
                "YELLOW", REASON, RULE), s.args().toArray());
    }

    static String flagsSql(ScopeSql s) {
        return s.cte() + """
                select d.delegation_id, d.station_code, st.name, d.agent_id, d.item_name, d.deadline
                from agent a
                join delegation_view d on d.agent_id = a.agent_id
                left join station_directory st on st.station_code = d.station_code
                where not a.active
                  and d.status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED') and\s"""
                + s.on("d.station_code") + " order by d.deadline, d.delegation_id";
    }
}

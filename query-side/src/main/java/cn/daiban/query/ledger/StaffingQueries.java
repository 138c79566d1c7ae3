package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.StaffingFlag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Staffing and training minimums over the open stations of a scope, from the agents' and stations' views (never
 * typed in), for the dashboard and the quarterly assessment (`003 三(三)`, `003 附件4 一3–4`, `003 附件4 二1–2`,
 * `004 §5.3.1`). Only active agents count.
 *
 * <p>Assumptions, named: the zone / sub-zone / window minimums are for the county hall (区政务服务大厅, `003 三(一)1`):
 * windows of kind ZONE, SUB_ZONE and WINDOW that a COUNTY_CENTRE declares; a WINDOW whose department also has a
 * SUB_ZONE there is exempt (不设分区的进驻窗口). An agent counts at a window when posted there with the post of the
 * window's declared kind. Windows declared by other levels fall under the station's full-time rule instead, which
 * covers township centres, village stations and partner outlets (`003 附件4 一4`). The 1–2 staff of `004 §5.3.1` are
 * checked for every partner outlet (bank, post office, telecom, mall …), counting its active agents. Trainings are
 * counted in the calendar year of {@code asOf} (the period's end), from 1 January up to that day: early in a year
 * the flag is a reminder of what is still due.
 */
@Component
public class StaffingQueries {

    static final String COUNTY_ZONE = "staffing-county-zone";
    static final String SUB_ZONE = "staffing-sub-zone";
    static final String WINDOW = "staffing-window";
    static final String FULL_TIME_AGENT = "staffing-full-time-agent";
    static final String PARTNER_OUTLET = "staffing-partner-outlet";
    static final String TRAINING = "training-twice-a-year";

    private final JdbcTemplate jdbc;

    StaffingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every minimum not met in the open stations of {@code station} (and below when {@code rollUp}), in order. */
    public List<StaffingFlag> flags(String station, boolean rollUp, java.time.LocalDate asOf) {
        int trainingYear = asOf.getYear();
        ScopeSql s = ScopeSql.of(station, rollUp);
        List<StaffingFlag> flags = new ArrayList<>(jdbc.query(s.cte() + """
                        select st.station_code, st.name, w->>'code' as code, w->>'name' as wname, w->>'kind' as kind,
                               (select count(*) from agent a where a.station_code = st.station_code and a.active
                                  and a.window_code = w->>'code' and a.post = w->>'kind') as posted
                        from station_directory st, jsonb_array_elements(st.windows) w
                        where st.status = 'OPEN' and st.level = 'COUNTY_CENTRE' and w->>'kind' in ('ZONE', 'SUB_ZONE', 'WINDOW')
                          and not (w->>'kind' = 'WINDOW' and w->>'department' is not null and exists (
                                select 1 from jsonb_array_elements(st.windows) z
                                where z->>'kind' = 'SUB_ZONE' and z->>'department' = w->>'department'))
                          and\s""" + s.on("st.station_code") + " order by st.station_code, code",
                (rs, n) -> {
                    String kind = rs.getString("kind");
                    int minimum = switch (kind) {
                        case "ZONE" -> 3;
                        case "SUB_ZONE" -> 2;
                        default -> 1;
                    };
                    long posted = rs.getLong("posted");
                    if (posted >= minimum) {
                        return null;
                    }
                    String rule = switch (kind) {
                        case "ZONE" -> COUNTY_ZONE;
                        case "SUB_ZONE" -> SUB_ZONE;
                        default -> WINDOW;
                    };
                    String what = switch (kind) {
                        case "ZONE" -> "帮办代办专区";
                        case "SUB_ZONE" -> "帮办代办分区";
                        default -> "不设分区的进驻窗口";
                    };
                    return new StaffingFlag(rule, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            null, null, posted, minimum, null,
                            what + "不少于" + minimum + "人，现有" + posted + "人（003 附件4 一3）");
                }, s.args().toArray()).stream().filter(f -> f != null).toList());
        flags.addAll(jdbc.query(s.cte() + """
                        select st.station_code, st.name, st.level,
                               count(a.agent_id) as staff, count(a.agent_id) filter (where a.full_time) as full_time
                        from station_directory st left join agent a on a.station_code = st.station_code and a.active
                        where st.status = 'OPEN' and st.level in ('TOWNSHIP_CENTRE', 'VILLAGE_STATION', 'PARTNER_OUTLET')
                          and\s""" + s.on("st.station_code")
                        + " group by st.station_code, st.name, st.level order by st.station_code",
                (rs, n) -> {
                    List<StaffingFlag> found = new ArrayList<>();
                    long staff = rs.getLong("staff");
                    long fullTime = rs.getLong("full_time");
                    if (fullTime < 1) {
                        found.add(new StaffingFlag(FULL_TIME_AGENT, rs.getString(1), rs.getString(2), null, null, null,
                                null, fullTime, 1, null, "至少确定1名专职帮办代办员，现有专职0人（003 附件4 一4）"));
                    }
                    if (rs.getString("level").equals("PARTNER_OUTLET") && (staff < 1 || staff > 2)) {
                        found.add(new StaffingFlag(PARTNER_OUTLET, rs.getString(1), rs.getString(2), null, null, null,
                                null, staff, 1, 2, "合作网点应配置1名~2名工作人员，现有" + staff + "人（004 §5.3.1）"));
                    }
                    return found;
                }, s.args().toArray()).stream().flatMap(List::stream).toList());
        flags.addAll(jdbc.query(s.cte() + """
                        select a.agent_id, a.name, a.station_code, st.name, count(r.event_id) as trainings
                        from agent a join station_directory st on st.station_code = a.station_code and st.status = 'OPEN'
                        left join agent_record r on r.agent_id = a.agent_id and r.kind = 'TRAINING'
                          and r.date between ? and ?
                        where a.active and\s""" + s.on("a.station_code")
                        + " group by a.agent_id, a.name, a.station_code, st.name having count(r.event_id) < 2"
                        + " order by a.station_code, a.name, a.agent_id",
                (rs, n) -> new StaffingFlag(TRAINING, rs.getString(3), rs.getString(4), null, null, rs.getString(1),
                        rs.getString(2), rs.getLong(5), 2, null,
                        trainingYear + "年参加培训" + rs.getLong(5) + "次，每年不少于2次（003 附件4 二1–2）"),
                args(s, java.sql.Date.valueOf(asOf.withDayOfYear(1)), java.sql.Date.valueOf(asOf))));
        return flags;
    }

    private static Object[] args(ScopeSql scope, Object... rest) {
        List<Object> args = new ArrayList<>(scope.args());
        args.addAll(List.of(rest));
        return args.toArray();
    }
}

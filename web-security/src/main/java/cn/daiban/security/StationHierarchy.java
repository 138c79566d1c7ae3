package cn.daiban.security;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which stations lie within a user's jurisdiction: their own and every one below it (village → township →
 * county), read from a table of {@code (station_code, parent_code)} that each side keeps from the station events.
 */
public class StationHierarchy {

    private final JdbcTemplate jdbc;
    private final String table;

    /** @param table a trusted table name holding {@code station_code} and {@code parent_code} */
    public StationHierarchy(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Whether {@code station} is {@code ancestor} or lies below it. */
    public boolean covers(String ancestor, String station) {
        if (ancestor == null || station == null) {
            return false;
        }
        if (ancestor.equals(station)) {
            return true;
        }
        Boolean covered = jdbc.queryForObject("""
                with recursive up (code, depth) as (
                    select parent_code, 1 from %1$s where station_code = ?
                    union all
                    select s.parent_code, u.depth + 1 from %1$s s join up u on s.station_code = u.code
                    where u.depth < 10 and u.code is not null
                )
                select exists (select 1 from up where code = ?)""".formatted(table), Boolean.class, station, ancestor);
        return Boolean.TRUE.equals(covered);
    }

    /** Whether {@code station} lies strictly above {@code below}. */
    public boolean isAbove(String station, String below) {
        return station != null && !station.equals(below) && covers(station, below);
    }

    /** Whether the user's jurisdiction covers {@code station} (an administrator's covers every station). */
    public boolean covers(User user, String station) {
        return user.isAdministrator() || covers(user.station(), station);
    }
}

package cn.daiban.query.ledger;

import java.util.List;

/**
 * The SQL for "these stations": one station, or it and every station below it (a recursive walk down
 * {@code station_directory.parent_code}), or all stations.
 */
record ScopeSql(String cte, String stationCode) {

    static ScopeSql of(String stationCode, boolean rollUp) {
        if (stationCode == null) {
            return new ScopeSql("", null);
        }
        String cte = rollUp
                ? "with recursive scope(code) as (select cast(? as varchar) union all "
                + "select s.station_code from station_directory s join scope on s.parent_code = scope.code) "
                : "with scope(code) as (select cast(? as varchar)) ";
        return new ScopeSql(cte, stationCode);
    }

    /** The condition on {@code column}. */
    String on(String column) {
        return stationCode == null ? "true" : column + " in (select code from scope)";
    }

    /** The arguments of the CTE, to put first. */
    List<Object> args() {
        return stationCode == null ? List.of() : List.of(stationCode);
    }
}

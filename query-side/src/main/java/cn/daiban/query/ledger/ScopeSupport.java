package cn.daiban.query.ledger;

import java.util.List;

/** {@link ScopeSql} for projections in other packages. */
public record ScopeSupport(String cte, String stationCode) {

    public static ScopeSupport of(String stationCode, boolean rollUp) {
        ScopeSql sql = ScopeSql.of(stationCode, rollUp);
        return new ScopeSupport(sql.cte(), sql.stationCode());
    }

    public String on(String column) {
        return new ScopeSql(cte, stationCode).on(column);
    }

    public List<Object> args() {
        return new ScopeSql(cte, stationCode).args();
    }
}

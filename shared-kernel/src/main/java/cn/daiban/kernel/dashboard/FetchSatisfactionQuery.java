package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

/** Satisfaction by station, agent, service item, month or quarter within a scope. */
public record FetchSatisfactionQuery(Scope scope, GroupBy groupBy) {

    public enum GroupBy { STATION, AGENT, ITEM, MONTH, QUARTER }

    public FetchSatisfactionQuery {
        Require.present(scope, "scope");
        Require.present(groupBy, "groupBy");
    }
}

package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

/** The publishable summary of a station for a period (`000 §8.1.3`): figures only, no personal data. */
public record FetchSatisfactionSummaryQuery(Scope scope) {

    public FetchSatisfactionSummaryQuery {
        Require.present(scope, "scope");
        Require.present(scope.stationCode(), "station");
    }
}

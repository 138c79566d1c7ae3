package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/** A station's dashboard for a period, with "today" for the day's intake and same-day completions. */
public record FetchStationDashboardQuery(Scope scope, LocalDate today) {

    public FetchStationDashboardQuery {
        Require.present(scope, "scope");
        Require.present(scope.stationCode(), "station");
        Require.present(today, "today");
    }
}

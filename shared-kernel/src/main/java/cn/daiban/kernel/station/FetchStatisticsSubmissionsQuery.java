package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;

/** Which stations reporting to {@code parentCode} submitted their statistics for {@code period}, and which did not. */
public record FetchStatisticsSubmissionsQuery(StationCode parentCode, String period) {

    public FetchStatisticsSubmissionsQuery {
        Require.present(parentCode, "parentCode");
        Require.matching(period, SubmitStationStatisticsCommand.PERIOD, "period",
                "must be a year (2026), a quarter (2026-Q4) or a month (2026-11)");
    }
}

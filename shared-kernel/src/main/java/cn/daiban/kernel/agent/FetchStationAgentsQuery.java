package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;

public record FetchStationAgentsQuery(StationCode stationCode, boolean includeInactive, int year) {

    public FetchStationAgentsQuery {
        Require.present(stationCode, "stationCode");
        Require.serviceYear(year, "year");
    }
}

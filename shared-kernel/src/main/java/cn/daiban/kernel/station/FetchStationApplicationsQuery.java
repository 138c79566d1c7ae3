package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;

/** Every application a station made (opening, changes, closure), oldest first, with its decision. */
public record FetchStationApplicationsQuery(StationCode stationCode) {

    public FetchStationApplicationsQuery {
        Require.present(stationCode, "stationCode");
    }
}

package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;

public record FetchStationQuery(StationCode stationCode) {

    public FetchStationQuery {
        Require.present(stationCode, "stationCode");
    }
}

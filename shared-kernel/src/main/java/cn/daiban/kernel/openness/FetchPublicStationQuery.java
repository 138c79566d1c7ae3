package cn.daiban.kernel.openness;

import cn.daiban.kernel.common.Require;

/** One open station's public card: its items and its agents' names and posts (`000 §4.4`). */
public record FetchPublicStationQuery(String stationCode) {

    public FetchPublicStationQuery {
        Require.present(stationCode, "code");
    }
}

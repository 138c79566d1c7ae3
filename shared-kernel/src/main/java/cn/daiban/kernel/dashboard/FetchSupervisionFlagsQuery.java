package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

/**
 * Every flagged open matter and stalled escalation hop, and every result waiting too long for delivery, across a
 * station's hierarchy (all stations when null).
 */
public record FetchSupervisionFlagsQuery(String stationCode, Colour colour) {

    public enum Colour { YELLOW, RED }

    public FetchSupervisionFlagsQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
    }
}

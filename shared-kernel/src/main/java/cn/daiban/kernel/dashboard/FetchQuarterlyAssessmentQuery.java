package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

/**
 * The quarterly assessment (`003 附件4 三`) of every station, zone (window) or agent under a station (all when
 * null) for one quarter.
 */
public record FetchQuarterlyAssessmentQuery(String stationCode, int year, int quarter, Level level) {

    public enum Level { STATION, ZONE, AGENT }

    public FetchQuarterlyAssessmentQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        Require.serviceYear(year, "year");
        Require.between(quarter, 1, 4, "quarter");
        Require.present(level, "level");
    }
}

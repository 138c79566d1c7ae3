package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publish (通报, `003 四(三)`: 考核评估结果每季度通报) the quarterly assessment of a station and everything under it —
 * its STATION, ZONE and AGENT rows — once. The publication's id is derived from the scope and the quarter
 * ({@link #idOf}), so the event store's one-stream-per-id makes "once" hold when two supervisors publish at the
 * same moment, on the JDBC store and on Axon Server alike.
 */
public record PublishQuarterlyAssessmentCommand(@TargetAggregateIdentifier String publicationId,
                                                StationCode stationCode, int year, int quarter)
        implements StationScoped {

    public PublishQuarterlyAssessmentCommand {
        Require.present(stationCode, "station");
        Require.serviceYear(year, "year");
        Require.between(quarter, 1, 4, "quarter");
        publicationId = idOf(stationCode, year, quarter);
    }

    public PublishQuarterlyAssessmentCommand(StationCode stationCode, int year, int quarter) {
        this(null, stationCode, year, quarter);
    }

    /** One publication per station and quarter: {@code assessment-140521000-2026-Q4}. */
    public static String idOf(StationCode stationCode, int year, int quarter) {
        return "assessment-" + stationCode.value() + "-" + year + "-Q" + quarter;
    }
}

package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.station.StationCode;
import org.axonframework.serialization.Revision;

/**
 * The quarterly assessment of {@code stationCode} (and everything under it) for {@code year}-Q{@code quarter} was
 * published. Who published it and when are the event's metadata and timestamp. The figures are computed by the
 * query side from its views when it follows this event and frozen there with their SHA-256 digest (the command side
 * keeps no figures); see the README, "Supervision".
 */
@Revision("1")
public record QuarterlyAssessmentPublishedEvent(String publicationId, StationCode stationCode, int year,
                                                int quarter) {
}

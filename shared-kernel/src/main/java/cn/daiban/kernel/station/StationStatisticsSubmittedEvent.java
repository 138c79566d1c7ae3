package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

import java.util.Map;

/** Statistics submitted to the supervising station ({@code parentCode}; null for a county centre: the administration). */
@Revision("1")
public record StationStatisticsSubmittedEvent(StationCode stationCode, String period, StationCode parentCode,
                                              Map<String, Double> figures, boolean correction, String correctionReason) {
}

package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StationChangeRefusedEvent(StationCode stationCode, String changeId, StationCode approverStationCode,
                                        String reason) {
}

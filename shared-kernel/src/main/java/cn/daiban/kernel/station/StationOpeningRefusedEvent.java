package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StationOpeningRefusedEvent(StationCode stationCode, StationCode approverStationCode, String reason) {
}

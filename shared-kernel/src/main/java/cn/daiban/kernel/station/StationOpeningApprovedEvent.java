package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StationOpeningApprovedEvent(StationCode stationCode, StationCode approverStationCode, String remark) {
}

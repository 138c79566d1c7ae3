package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

/** The station is closed from here on; its history stays. */
@Revision("1")
public record StationClosureApprovedEvent(StationCode stationCode, StationCode approverStationCode) {
}

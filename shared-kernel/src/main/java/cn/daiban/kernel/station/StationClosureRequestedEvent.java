package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StationClosureRequestedEvent(StationCode stationCode, String reason) {
}

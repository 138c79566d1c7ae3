package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

/** Parts left null are not changed. */
@Revision("1")
public record StationChangeRequestedEvent(
        StationCode stationCode,
        String changeId,
        StationManager manager,
        List<StationWindow> windows,
        Set<String> serviceItemCodes,
        String reason) {
}

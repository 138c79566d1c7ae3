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
        String reason,
        // Added later, at the end and nullable (`004 附录B`): the new address; an event stored before reads null.
        String address) {

    /** A change that keeps the address. */
    public StationChangeRequestedEvent(StationCode stationCode, String changeId, StationManager manager,
                                       List<StationWindow> windows, Set<String> serviceItemCodes, String reason) {
        this(stationCode, changeId, manager, windows, serviceItemCodes, reason, null);
    }
}

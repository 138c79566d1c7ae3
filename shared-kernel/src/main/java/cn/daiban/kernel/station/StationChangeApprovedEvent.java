package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

/** Carries the approved parts again, so a reader never needs the request to know what changed. */
@Revision("1")
public record StationChangeApprovedEvent(
        StationCode stationCode,
        String changeId,
        StationManager manager,
        List<StationWindow> windows,
        Set<String> serviceItemCodes,
        StationCode approverStationCode,
        // Added later, at the end and nullable (`004 附录B`): the new address; an event stored before reads null.
        String address) {

    /** A change that keeps the address. */
    public StationChangeApprovedEvent(StationCode stationCode, String changeId, StationManager manager,
                                      List<StationWindow> windows, Set<String> serviceItemCodes,
                                      StationCode approverStationCode) {
        this(stationCode, changeId, manager, windows, serviceItemCodes, approverStationCode, null);
    }
}

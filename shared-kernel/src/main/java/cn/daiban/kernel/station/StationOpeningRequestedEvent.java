package cn.daiban.kernel.station;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

@Revision("1")
public record StationOpeningRequestedEvent(
        StationCode stationCode,
        String name,
        StationLevel level,
        StationCode parentCode,
        HostOrganisationType hostType,
        RegionCode region,
        String address,
        StationManager manager,
        PhoneNumber supervisionPhone,
        List<StationWindow> windows,
        Set<String> serviceItemCodes,
        // Added later, at the end and nullable (004 附录A 申请条件): an event stored before it reads with null.
        SiteConditions siteConditions) {

    /** An application without stated site conditions. */
    public StationOpeningRequestedEvent(StationCode stationCode, String name, StationLevel level, StationCode parentCode,
                                        HostOrganisationType hostType, RegionCode region, String address,
                                        StationManager manager, PhoneNumber supervisionPhone,
                                        List<StationWindow> windows, Set<String> serviceItemCodes) {
        this(stationCode, name, level, parentCode, hostType, region, address, manager, supervisionPhone, windows,
                serviceItemCodes, null);
    }
}

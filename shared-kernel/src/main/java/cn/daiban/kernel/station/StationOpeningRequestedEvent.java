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
        Set<String> serviceItemCodes) {
}

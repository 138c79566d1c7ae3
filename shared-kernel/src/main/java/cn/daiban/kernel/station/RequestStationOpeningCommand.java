package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/**
 * Application to open a station (`004 附录A` 便民服务站设立申请表). {@code siteConditions} (申请条件) were added last: a
 * partner outlet states them (the stations `004` governs, `004 §3.1`); for the other levels they are optional.
 */
public record RequestStationOpeningCommand(
        @TargetAggregateIdentifier StationCode stationCode,
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
        SiteConditions siteConditions) implements StationScoped {

    /** An application without stated site conditions (a station of a level that need not state them). */
    public RequestStationOpeningCommand(StationCode stationCode, String name, StationLevel level, StationCode parentCode,
                                        HostOrganisationType hostType, RegionCode region, String address,
                                        StationManager manager, PhoneNumber supervisionPhone,
                                        List<StationWindow> windows, Set<String> serviceItemCodes) {
        this(stationCode, name, level, parentCode, hostType, region, address, manager, supervisionPhone, windows,
                serviceItemCodes, null);
    }

    public RequestStationOpeningCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(windows, InputLimits.WINDOWS, "windows");
        Require.atMost(serviceItemCodes, InputLimits.SERVICE_ITEM_CODES, "serviceItemCodes");
        Require.present(stationCode, "stationCode");
        name = Require.text(name, "name", 64);
        Require.present(level, "level");
        Require.present(region, "region");
        address = Require.text(address, "address", 200);
        Require.present(manager, "manager");
        Require.present(supervisionPhone, "supervisionPhone");
        windows = windows == null ? List.of() : List.copyOf(windows);
        serviceItemCodes = serviceItemCodes == null ? Set.of() : Set.copyOf(serviceItemCodes);
        if (level == StationLevel.COUNTY_CENTRE && parentCode != null) {
            throw new InvalidValueException("parentCode", "must be empty for a county centre: it reports to no station");
        }
        if (level != StationLevel.COUNTY_CENTRE && parentCode == null) {
            throw new InvalidValueException("parentCode", "is required for a " + level + " (it reports to "
                    + level.parentLevels() + ")");
        }
        if (level == StationLevel.PARTNER_OUTLET && hostType == null) {
            throw new InvalidValueException("hostType", "is required for a partner outlet (bank, post, telecom …)");
        }
        if (level != StationLevel.PARTNER_OUTLET && hostType != null) {
            throw new InvalidValueException("hostType", "applies to partner outlets only");
        }
        if (stationCode.equals(parentCode)) {
            throw new InvalidValueException("parentCode", "must not be the station itself");
        }
    }
}

package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/**
 * Application to change a station's manager, functions or address (`004 附录B` 便民服务站变更申请表: 变更后便民服务站
 * 情况 names the station's address among them). Each part is optional, at least one must be given; a part given
 * replaces the current one when the change is approved.
 */
public record RequestStationChangeCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        String changeId,
        StationManager manager,
        List<StationWindow> windows,
        Set<String> serviceItemCodes,
        String reason,
        // Added later, at the end and optional: the station's new address (it moves).
        String address) implements StationScoped {

    public RequestStationChangeCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(windows, InputLimits.WINDOWS, "windows");
        Require.atMost(serviceItemCodes, InputLimits.SERVICE_ITEM_CODES, "serviceItemCodes");
        Require.present(stationCode, "stationCode");
        changeId = Require.text(changeId, "changeId", 64);
        reason = Require.text(reason, "reason", 500);
        address = Require.optionalText(address, "address", 200);
        windows = windows == null ? null : List.copyOf(windows);
        serviceItemCodes = serviceItemCodes == null ? null : Set.copyOf(serviceItemCodes);
        if (manager == null && windows == null && serviceItemCodes == null && address == null) {
            throw new InvalidValueException("manager",
                    "or windows, serviceItemCodes or address must be given: a change must change something");
        }
    }

    /** A change of the manager or functions, the address kept. */
    public RequestStationChangeCommand(StationCode stationCode, String changeId, StationManager manager,
                                       List<StationWindow> windows, Set<String> serviceItemCodes, String reason) {
        this(stationCode, changeId, manager, windows, serviceItemCodes, reason, null);
    }
}

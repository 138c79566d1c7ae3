package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A station publishes its booking slots on working days (opening hours and extended hours, capacity per slot). */
public record PublishBookingScheduleCommand(@TargetAggregateIdentifier StationCode stationCode, List<SlotWindow> windows, boolean homeVisits) implements StationScoped {

    public PublishBookingScheduleCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(windows, InputLimits.WINDOWS, "windows");
        Require.present(stationCode, "stationCode");
        windows = List.copyOf(Require.notEmpty(windows, "windows"));
    }
}

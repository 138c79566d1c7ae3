package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveStationClosureCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        StationCode approverStationCode) implements StationScoped {

    public ApproveStationClosureCommand {
        Require.present(stationCode, "stationCode");
    }
}

package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefuseStationClosureCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        StationCode approverStationCode,
        String reason) implements StationScoped {

    public RefuseStationClosureCommand {
        Require.present(stationCode, "stationCode");
        reason = Require.text(reason, "reason", 500);
    }
}

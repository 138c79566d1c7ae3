package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefuseStationOpeningCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        StationCode approverStationCode,
        String reason) implements StationScoped {

    public RefuseStationOpeningCommand {
        Require.present(stationCode, "stationCode");
        reason = Require.text(reason, "reason", 500);
    }
}

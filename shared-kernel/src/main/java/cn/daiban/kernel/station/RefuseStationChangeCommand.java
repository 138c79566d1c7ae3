package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefuseStationChangeCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        String changeId,
        StationCode approverStationCode,
        String reason) implements StationScoped {

    public RefuseStationChangeCommand {
        Require.present(stationCode, "stationCode");
        changeId = Require.text(changeId, "changeId", 64);
        reason = Require.text(reason, "reason", 500);
    }
}

package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The supervising level approves the pending change {@code changeId}. */
public record ApproveStationChangeCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        String changeId,
        StationCode approverStationCode) implements StationScoped {

    public ApproveStationChangeCommand {
        Require.present(stationCode, "stationCode");
        changeId = Require.text(changeId, "changeId", 64);
    }
}

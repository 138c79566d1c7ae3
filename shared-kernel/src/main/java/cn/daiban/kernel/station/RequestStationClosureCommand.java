package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Application to close a station (`004 附录C` 便民服务站撤销申请表). */
public record RequestStationClosureCommand(@TargetAggregateIdentifier StationCode stationCode, String reason) implements StationScoped {

    public RequestStationClosureCommand {
        Require.present(stationCode, "stationCode");
        reason = Require.text(reason, "reason", 500);
    }
}

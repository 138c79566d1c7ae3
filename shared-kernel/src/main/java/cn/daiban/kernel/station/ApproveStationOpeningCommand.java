package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The supervising level approves an opening. {@code approverStationCode} is the station the approving actor
 * works at; it must be the applicant's parent (for a county centre, which has none, the county's
 * administration approves and the field stays empty).
 */
public record ApproveStationOpeningCommand(
        @TargetAggregateIdentifier StationCode stationCode,
        StationCode approverStationCode,
        String remark) implements StationScoped {

    public ApproveStationOpeningCommand {
        Require.present(stationCode, "stationCode");
        remark = Require.optionalText(remark, "remark", 500);
    }
}

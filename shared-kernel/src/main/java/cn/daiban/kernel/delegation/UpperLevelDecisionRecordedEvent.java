package cn.daiban.kernel.delegation;

import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UpperLevelDecisionRecordedEvent(
        DelegationId delegationId,
        int hopNumber,
        StationCode decidingStationCode,
        boolean approved,
        String certificateNumber,
        String reason,
        LocalDate decidedOn) {
}

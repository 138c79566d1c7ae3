package cn.daiban.kernel.delegation;

import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The matter went up one level; the upper level is due to decide by {@code hopDueDate}. */
@Revision("1")
public record DelegationEscalatedEvent(
        DelegationId delegationId,
        int hopNumber,
        StationCode fromStationCode,
        StationCode targetStationCode,
        List<String> uploadedMaterialRefs,
        String note,
        LocalDate escalatedOn,
        LocalDate hopDueDate) {
}

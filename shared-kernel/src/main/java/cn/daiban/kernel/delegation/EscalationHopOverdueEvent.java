package cn.daiban.kernel.delegation;

import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A step of a cross-level matter stalled past its own limit (hop 0: the origin has not forwarded it in time), visible before the whole matter is late. */
@Revision("1")
public record EscalationHopOverdueEvent(DelegationId delegationId, int hopNumber, StationCode stationCode, LocalDate dueDate) {
}

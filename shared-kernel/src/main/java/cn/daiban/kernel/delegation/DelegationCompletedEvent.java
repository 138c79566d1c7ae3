package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Completed; {@code onTime} compares with the deadline as moved by supplements and suspensions, {@code handlingWorkingDays} counts working days of handling (waiting excluded). */
@Revision("1")
public record DelegationCompletedEvent(
        DelegationId delegationId,
        boolean successful,
        String resultReference,
        String failureReason,
        LocalDate completedOn,
        LocalDate deadline,
        boolean onTime,
        int handlingWorkingDays) {
}

package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Materials received; the deadline moved out by exactly the working days spent waiting. */
@Revision("1")
public record SupplementReceivedEvent(
        DelegationId delegationId,
        int requestNumber,
        LocalDate receivedOn,
        int pausedWorkingDays,
        LocalDate previousDeadline,
        LocalDate deadline) {
}

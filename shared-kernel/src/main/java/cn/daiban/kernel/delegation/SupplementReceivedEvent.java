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
        LocalDate deadline,
        // Added later, at the end and nullable (events stored before it deserialize with null, so no @Revision bump):
        // TRUE when the moved date reaches into a calendar year not loaded yet (computed on weekends alone, to be
        // recomputed when the year is loaded, DOMAIN.md "Time"); null otherwise.
        Boolean deadlineProvisional) {

    /** A move onto loaded years (and the event as written before the mark was added). */
    public SupplementReceivedEvent(DelegationId delegationId, int requestNumber, LocalDate receivedOn,
                                   int pausedWorkingDays, LocalDate previousDeadline, LocalDate deadline) {
        this(delegationId, requestNumber, receivedOn, pausedWorkingDays, previousDeadline, deadline, null);
    }

    public boolean isDeadlineProvisional() {
        return Boolean.TRUE.equals(deadlineProvisional);
    }
}

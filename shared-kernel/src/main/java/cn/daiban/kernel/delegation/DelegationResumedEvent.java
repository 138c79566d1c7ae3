package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DelegationResumedEvent(DelegationId delegationId, LocalDate resumedOn, int pausedWorkingDays,
                                     LocalDate previousDeadline, LocalDate deadline,
                                     // Added later, at the end and nullable, as in SupplementReceivedEvent: TRUE when
                                     // the moved date reaches into a calendar year not loaded yet; null otherwise.
                                     Boolean deadlineProvisional) {

    /** A move onto loaded years (and the event as written before the mark was added). */
    public DelegationResumedEvent(DelegationId delegationId, LocalDate resumedOn, int pausedWorkingDays,
                                  LocalDate previousDeadline, LocalDate deadline) {
        this(delegationId, resumedOn, pausedWorkingDays, previousDeadline, deadline, null);
    }

    public boolean isDeadlineProvisional() {
        return Boolean.TRUE.equals(deadlineProvisional);
    }
}

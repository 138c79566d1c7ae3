package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DelegationResumedEvent(DelegationId delegationId, LocalDate resumedOn, int pausedWorkingDays, LocalDate previousDeadline, LocalDate deadline) {
}

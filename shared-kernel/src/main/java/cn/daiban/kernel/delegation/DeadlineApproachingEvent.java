package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The deadline is near (预警). */
@Revision("1")
public record DeadlineApproachingEvent(DelegationId delegationId, LocalDate deadline, int workingDaysLeft) {
}

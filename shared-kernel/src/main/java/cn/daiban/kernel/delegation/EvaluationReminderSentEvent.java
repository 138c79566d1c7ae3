package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** No grade arrived within the configured days after delivery: the one reminder. */
@Revision("1")
public record EvaluationReminderSentEvent(DelegationId delegationId, LocalDate deliveredOn) {
}

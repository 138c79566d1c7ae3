package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The materials were not in by their due date: the one reminder; if they are still missing on {@code finalDate} the delegation is suspended. */
@Revision("1")
public record SupplementReminderSentEvent(DelegationId delegationId, int requestNumber, LocalDate dueDate, LocalDate finalDate) {
}

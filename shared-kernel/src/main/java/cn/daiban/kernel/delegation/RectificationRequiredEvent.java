package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A poor grade opened a rectification (整改): a follow-up call to the client, then what was done, due by {@code dueDate}. */
@Revision("1")
public record RectificationRequiredEvent(DelegationId delegationId, int evaluationNumber, SatisfactionGrade grade, LocalDate dueDate) {
}

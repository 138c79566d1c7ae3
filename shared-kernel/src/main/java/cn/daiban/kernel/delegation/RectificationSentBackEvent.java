package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Supervision re-checked the rectification and sent it back (复查未通过): open again, with a reason and a new due date. */
@Revision("1")
public record RectificationSentBackEvent(DelegationId delegationId, String recheckedBy, String reason,
                                         LocalDate recheckedOn, LocalDate newDueDate) {
}

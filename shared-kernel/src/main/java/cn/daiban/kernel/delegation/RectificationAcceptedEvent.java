package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Supervision re-checked the rectification and accepted it (复查通过): it is closed. {@code onTime} repeats whether
 * the station marked it done by its due date.
 */
@Revision("1")
public record RectificationAcceptedEvent(DelegationId delegationId, String recheckedBy, String note,
                                         LocalDate recheckedOn, boolean onTime) {
}

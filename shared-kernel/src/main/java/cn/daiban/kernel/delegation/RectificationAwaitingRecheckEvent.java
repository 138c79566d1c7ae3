package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The station marked its rectification done (what was done, and whether by the due date); it now awaits the
 * supervision's re-check (复查, `000 §8.2.2`, `004 §7.2.2` 督促、跟踪、复查) and is not closed yet. Added beside
 * {@link RectificationCompletedEvent}, whose shape is unchanged: a completion recorded before re-checks existed
 * still reads as closed.
 */
@Revision("1")
public record RectificationAwaitingRecheckEvent(DelegationId delegationId, String measures, LocalDate doneOn,
                                                boolean onTime) {
}

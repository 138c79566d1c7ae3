package cn.daiban.kernel.consultation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The consultation was not answered within its working day (`004 §6.3.3.1.3`); {@code department} the one it was
 * forwarded to, null when it was not forwarded.
 */
@Revision("1")
public record ConsultationReplyOverdueEvent(ConsultationId consultationId, String department, LocalDate replyDueDate) {
}

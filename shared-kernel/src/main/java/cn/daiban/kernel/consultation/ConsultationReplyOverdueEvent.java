package cn.daiban.kernel.consultation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The forwarded consultation was not answered within its working day. */
@Revision("1")
public record ConsultationReplyOverdueEvent(ConsultationId consultationId, String department, LocalDate replyDueDate) {
}

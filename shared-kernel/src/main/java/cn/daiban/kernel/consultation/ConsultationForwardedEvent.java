package cn.daiban.kernel.consultation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsultationForwardedEvent(ConsultationId consultationId, String department, LocalDate forwardedOn, LocalDate replyDueDate) {
}

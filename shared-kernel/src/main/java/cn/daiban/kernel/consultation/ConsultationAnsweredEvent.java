package cn.daiban.kernel.consultation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsultationAnsweredEvent(ConsultationId consultationId, String answer, LocalDate answeredOn, boolean atOnce, boolean inTime) {
}

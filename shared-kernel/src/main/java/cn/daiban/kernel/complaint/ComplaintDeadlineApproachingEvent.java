package cn.daiban.kernel.complaint;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ComplaintDeadlineApproachingEvent(ComplaintId complaintId, LocalDate dueDate) {
}

package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RectificationFollowUpRecordedEvent(DelegationId delegationId, String callSummary, LocalDate calledOn) {
}

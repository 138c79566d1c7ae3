package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RectificationCompletedEvent(DelegationId delegationId, String measures, LocalDate completedOn, boolean onTime) {
}

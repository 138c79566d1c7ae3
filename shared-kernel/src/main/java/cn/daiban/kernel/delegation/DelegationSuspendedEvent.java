package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The clock stops; past {@code continuationDeadline} the delegation terminates by itself. */
@Revision("1")
public record DelegationSuspendedEvent(DelegationId delegationId, SuspensionReason reason, String note, LocalDate suspendedOn, LocalDate continuationDeadline) {
}

package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ParallelTaskCompletedEvent(DelegationId delegationId, String department, boolean approved, String note) {
}

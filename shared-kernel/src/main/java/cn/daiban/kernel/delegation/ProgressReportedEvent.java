package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProgressReportedEvent(DelegationId delegationId, String note, String channel) {
}

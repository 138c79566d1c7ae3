package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DelegationTransferredEvent(DelegationId delegationId, String fromWindow, String toWindow, String reason) {
}

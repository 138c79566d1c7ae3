package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

/** A statutory fee of the item was recorded as not payable by this client, on the ground given. */
@Revision("1")
public record StatutoryFeeExemptedEvent(DelegationId delegationId, String feeName, String reason) {
}

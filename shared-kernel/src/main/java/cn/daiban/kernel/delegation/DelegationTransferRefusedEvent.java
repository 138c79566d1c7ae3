package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

/**
 * The receiving zone or window {@code toWindow} returned the transfer from {@code fromWindow} (退回转办: not within its
 * duties, `003 三(五)`), for {@code reason}; the matter stays at {@code fromWindow}.
 */
@Revision("1")
public record DelegationTransferRefusedEvent(DelegationId delegationId, String fromWindow, String toWindow,
                                             String reason) {
}

package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

/**
 * The sending side took back the transfer from {@code fromWindow} to {@code toWindow} before its receiver accepted it
 * (撤回转办), for {@code reason}; the matter stays at {@code fromWindow}.
 */
@Revision("1")
public record DelegationTransferWithdrawnEvent(DelegationId delegationId, String fromWindow, String toWindow,
                                               String reason) {
}

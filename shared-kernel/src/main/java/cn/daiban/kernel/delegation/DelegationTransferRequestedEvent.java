package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

/**
 * A transfer to another zone or window of the station, waiting for the receiver to accept it and name its helper
 * (`003 三(五)` 及时受理其他服务区转办的业务). The matter stays where it is, with its responsible agent, until then.
 */
@Revision("1")
public record DelegationTransferRequestedEvent(DelegationId delegationId, String fromWindow, String toWindow,
                                               String reason) {
}

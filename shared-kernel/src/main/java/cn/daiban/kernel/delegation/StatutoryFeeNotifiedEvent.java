package cn.daiban.kernel.delegation;

import cn.daiban.kernel.catalogue.StatutoryFee;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StatutoryFeeNotifiedEvent(DelegationId delegationId, StatutoryFee fee) {
}

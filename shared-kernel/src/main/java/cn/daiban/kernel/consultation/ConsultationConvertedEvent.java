package cn.daiban.kernel.consultation;

import cn.daiban.kernel.delegation.DelegationId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsultationConvertedEvent(ConsultationId consultationId, DelegationId delegationId) {
}

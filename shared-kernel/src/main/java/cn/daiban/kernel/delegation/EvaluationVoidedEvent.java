package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EvaluationVoidedEvent(DelegationId delegationId, int evaluationNumber, String reason) {
}

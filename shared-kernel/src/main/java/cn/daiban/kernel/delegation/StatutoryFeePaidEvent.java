package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StatutoryFeePaidEvent(
        DelegationId delegationId,
        String feeName,
        long amountFen,
        String legalBasis,
        String payee,
        String receiptNumber) {
}

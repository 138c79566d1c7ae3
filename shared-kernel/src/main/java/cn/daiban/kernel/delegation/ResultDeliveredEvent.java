package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Delivered; posting is free to the client ({@code postageBorneByStation}); the client is invited to evaluate. */
@Revision("1")
public record ResultDeliveredEvent(
        DelegationId delegationId,
        DeliveryMethod method,
        String trackingNumber,
        String handoverProof,
        boolean licenceInstructionsGiven,
        boolean postageBorneByStation,
        LocalDate deliveredOn,
        LocalDate evaluationInvitedOn) {
}

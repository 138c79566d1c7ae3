package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hand the result over (`004 §6.3.3.3`): a tracking number for post, download and use instructions for an electronic licence, and the handover proof. */
public record DeliverResultCommand(@TargetAggregateIdentifier DelegationId delegationId, DeliveryMethod method, String trackingNumber, String handoverProof, boolean licenceInstructionsGiven) implements DelegationTargeted {

    public DeliverResultCommand {
        Require.present(delegationId, "delegationId");
        Require.present(method, "method");
        trackingNumber = Require.optionalText(trackingNumber, "trackingNumber", 64);
        handoverProof = Require.text(handoverProof, "handoverProof", 200);
        if (method == DeliveryMethod.POST && trackingNumber == null) { throw new InvalidValueException("trackingNumber", "is required when the result is posted"); }
        if (method == DeliveryMethod.ELECTRONIC_LICENCE && !licenceInstructionsGiven) { throw new InvalidValueException("licenceInstructionsGiven", "must be true: the client is told how to download and use the electronic licence"); }
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The result of a completed matter could not be handed over (the client cannot be reached, a parcel came back, the
 * client does not come): the tries made ({@code attempts}, at least one) and where the result is kept for the
 * client to collect ({@code keptAt}, 留存待领). The matter may then be archived without an evaluation; a delivery
 * when the client comes is still recorded until then.
 */
public record HoldResultForCollectionCommand(@TargetAggregateIdentifier DelegationId delegationId,
                                             List<DeliveryAttempt> attempts, String keptAt)
        implements DelegationTargeted {

    /** At most this many tries are listed. */
    public static final int MAX_ATTEMPTS = 20;

    public HoldResultForCollectionCommand {
        Require.present(delegationId, "delegationId");
        Require.atMost(Require.notEmpty(attempts, "attempts"), MAX_ATTEMPTS, "attempts");
        if (attempts.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidValueException("attempts", "must not hold an empty entry");
        }
        attempts = List.copyOf(attempts);
        keptAt = Require.text(keptAt, "keptAt", 200);
    }
}

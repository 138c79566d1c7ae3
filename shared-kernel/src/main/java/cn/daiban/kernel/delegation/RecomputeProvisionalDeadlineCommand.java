package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The working-day calendar of a year the delegation's provisional promised date reached into is loaded now: the
 * date is computed again on it (`DOMAIN.md` "Time"). Sent only by the system when a calendar year is loaded, never
 * over the staff API (the command policy refuses it there). A delegation whose date is no longer provisional, or
 * that is finished, ignores it, so sending it twice is harmless.
 */
public record RecomputeProvisionalDeadlineCommand(@TargetAggregateIdentifier DelegationId delegationId)
        implements DelegationTargeted {

    public RecomputeProvisionalDeadlineCommand {
        Require.present(delegationId, "delegationId");
    }
}

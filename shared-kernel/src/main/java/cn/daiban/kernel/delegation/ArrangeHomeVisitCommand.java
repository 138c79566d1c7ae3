package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Agree a home visit (上门代办, `000 §7.2.2 b`) on a commissioned delegation: switches it to {@link ServiceMode#HOME_VISIT}
 * or agrees a new time or place for one; the time and the address are both needed (rule {@code home-visit-agreed}).
 */
public record ArrangeHomeVisitCommand(@TargetAggregateIdentifier DelegationId delegationId,
                                      HomeVisitAppointment homeVisit, String reason) implements DelegationTargeted {

    public ArrangeHomeVisitCommand {
        Require.present(delegationId, "delegationId");
        reason = Require.optionalText(reason, "reason", 500);
    }
}

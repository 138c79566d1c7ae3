package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The agent arrived at the client's for the agreed home visit (`003 附件3 六5`), at {@code arrivedAt}. */
public record RecordHomeVisitCommand(@TargetAggregateIdentifier DelegationId delegationId, Instant arrivedAt,
                                     String note) implements DelegationTargeted {

    public RecordHomeVisitCommand {
        Require.present(delegationId, "delegationId");
        Require.present(arrivedAt, "arrivedAt");
        note = Require.optionalText(note, "note", 500);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One department's part of a parallel matter (并联办理) is done. */
public record RecordParallelTaskCompletedCommand(@TargetAggregateIdentifier DelegationId delegationId, String department, boolean approved, String note) implements DelegationTargeted {

    public RecordParallelTaskCompletedCommand {
        Require.present(delegationId, "delegationId");
        department = Require.text(department, "department", 64);
        note = Require.optionalText(note, "note", 500);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Progress reported to the client (`002 承办`). */
public record ReportProgressCommand(@TargetAggregateIdentifier DelegationId delegationId, String note, String channel) {

    public ReportProgressCommand {
        Require.present(delegationId, "delegationId");
        note = Require.text(note, "note", 1000);
        channel = Require.text(channel, "channel", 32);
    }
}

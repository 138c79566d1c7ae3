package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Progress reported to the client (`002 承办`), with the channel it went through. */
public record ReportProgressCommand(@TargetAggregateIdentifier DelegationId delegationId, String note,
                                    ProgressChannel channel, String channelNote) implements DelegationTargeted {

    public ReportProgressCommand {
        Require.present(delegationId, "delegationId");
        note = Require.text(note, "note", 1000);
        Require.present(channel, "channel");
        channelNote = Require.optionalText(channelNote, "channelNote", 64);
    }
}

package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post the agent elsewhere at their station and/or record whether they are full-time (专职, `003 三(三)`). A post
 * other than STATION names the window (zone, sub-zone, window) by its code; STATION names none.
 */
public record ChangeAgentPostCommand(@TargetAggregateIdentifier AgentId agentId, AgentPost post, String windowCode,
                                     boolean fullTime, String reason) implements AgentTargeted {

    public ChangeAgentPostCommand {
        Require.present(agentId, "agentId");
        Require.present(post, "post");
        windowCode = checkedWindowCode(post, windowCode);
        reason = Require.text(reason, "reason", 500);
    }

    /** A window post needs the window's code; the station post takes none. */
    static String checkedWindowCode(AgentPost post, String windowCode) {
        if (post == null || !post.atWindow()) {
            if (windowCode != null && !windowCode.isBlank()) {
                throw new InvalidValueException("windowCode", "names no window for the post " + AgentPost.STATION);
            }
            return null;
        }
        return Require.text(windowCode, "windowCode", 32);
    }
}

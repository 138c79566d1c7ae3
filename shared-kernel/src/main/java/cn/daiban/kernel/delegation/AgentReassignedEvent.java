package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import org.axonframework.serialization.Revision;

/** The responsible agent changed; the client had been told. */
@Revision("1")
public record AgentReassignedEvent(DelegationId delegationId, AgentId previousAgentId, AgentId newAgentId, String reason,
                                   // Added later, at the end and nullable: events stored before deserialize with
                                   // null, so no @Revision bump. The new handler's name as registered then.
                                   String newAgentName) {

    /** The event as written before the new handler's name was added. */
    public AgentReassignedEvent(DelegationId delegationId, AgentId previousAgentId, AgentId newAgentId, String reason) {
        this(delegationId, previousAgentId, newAgentId, reason, null);
    }
}

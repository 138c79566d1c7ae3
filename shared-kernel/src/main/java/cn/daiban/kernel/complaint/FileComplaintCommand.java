package cn.daiban.kernel.complaint;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A complaint against a station, an agent of it or one of its delegations (GB/T 36113), with the complainant's contact. */
public record FileComplaintCommand(@TargetAggregateIdentifier ComplaintId complaintId, StationCode stationCode, AgentId agentId, DelegationId delegationId, ComplaintChannel channel, String complainantName, PhoneNumber contact, String content) implements StationScoped {

    public FileComplaintCommand {
        Require.present(complaintId, "complaintId");
        Require.present(stationCode, "stationCode");
        Require.present(channel, "channel");
        complainantName = Require.text(complainantName, "complainantName", 100);
        Require.present(contact, "contact");
        content = Require.text(content, "content", 2000);
    }
}

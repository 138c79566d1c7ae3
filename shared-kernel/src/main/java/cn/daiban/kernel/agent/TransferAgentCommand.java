package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record TransferAgentCommand(@TargetAggregateIdentifier AgentId agentId, StationCode toStationCode, String reason) implements AgentTargeted {

    public TransferAgentCommand {
        Require.present(agentId, "agentId");
        Require.present(toStationCode, "toStationCode");
        reason = Require.text(reason, "reason", 500);
    }
}

package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an agent at a station with the date their recorded intake experience (接件经验) starts. */
public record RegisterAgentCommand(@TargetAggregateIdentifier AgentId agentId, StationCode stationCode, String name, PhoneNumber phone, AgentBackground background, AgentRole role, LocalDate intakeExperienceSince) implements StationScoped {

    public RegisterAgentCommand {
        Require.present(agentId, "agentId");
        Require.present(stationCode, "stationCode");
        name = Require.text(name, "name", 32);
        Require.present(phone, "phone");
        Require.present(background, "background");
        Require.present(role, "role");
        Require.present(intakeExperienceSince, "intakeExperienceSince");
    }
}

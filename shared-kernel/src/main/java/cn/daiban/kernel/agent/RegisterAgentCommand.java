package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register an agent at a station with the date their recorded intake experience (接件经验) starts; optionally their
 * post (`003 三(三)`; none is the STATION post) with its window code, and whether full-time (专职; none is not).
 */
public record RegisterAgentCommand(@TargetAggregateIdentifier AgentId agentId, StationCode stationCode, String name, PhoneNumber phone, AgentBackground background, AgentRole role, LocalDate intakeExperienceSince,
                                   // added at the end, nullable: post, its window, full-time (003 三(三))
                                   AgentPost post, String windowCode, Boolean fullTime) implements StationScoped {

    /** Without post and full-time: posted at the station, not recorded as full-time. */
    public RegisterAgentCommand(AgentId agentId, StationCode stationCode, String name, PhoneNumber phone,
                                AgentBackground background, AgentRole role, LocalDate intakeExperienceSince) {
        this(agentId, stationCode, name, phone, background, role, intakeExperienceSince, null, null, null);
    }

    public RegisterAgentCommand {
        Require.present(agentId, "agentId");
        Require.present(stationCode, "stationCode");
        name = Require.text(name, "name", 32);
        Require.present(phone, "phone");
        Require.present(background, "background");
        Require.present(role, "role");
        Require.present(intakeExperienceSince, "intakeExperienceSince");
        windowCode = ChangeAgentPostCommand.checkedWindowCode(post, windowCode);
    }
}

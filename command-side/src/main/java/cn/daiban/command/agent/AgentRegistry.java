package cn.daiban.command.agent;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.station.StationCode;

import java.time.LocalDate;
import java.util.Optional;

/** What a command handler may ask about agents. */
public interface AgentRegistry {

    Optional<RegisteredAgent> find(AgentId id);

    record RegisteredAgent(AgentId agentId, StationCode stationCode, String name, AgentRole role, boolean active,
                           boolean qualified, LocalDate qualifiedOn) {
    }
}

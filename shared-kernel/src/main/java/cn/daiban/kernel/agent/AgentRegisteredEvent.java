package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentRegisteredEvent(AgentId agentId, StationCode stationCode, String name, PhoneNumber phone, AgentBackground background, AgentRole role, LocalDate intakeExperienceSince) {
}

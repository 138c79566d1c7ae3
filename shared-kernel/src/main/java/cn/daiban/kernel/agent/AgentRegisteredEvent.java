package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentRegisteredEvent(AgentId agentId, StationCode stationCode, String name, PhoneNumber phone, AgentBackground background, AgentRole role, LocalDate intakeExperienceSince,
                                   // added at the end, nullable (events stored before carry none): the post and its
                                   // window as given at registration, and full-time; null post is STATION, null
                                   // full-time is false (003 三(三))
                                   AgentPost post, String windowCode, Boolean fullTime) {

    public AgentRegisteredEvent(AgentId agentId, StationCode stationCode, String name, PhoneNumber phone,
                                AgentBackground background, AgentRole role, LocalDate intakeExperienceSince) {
        this(agentId, stationCode, name, phone, background, role, intakeExperienceSince, null, null, null);
    }
}

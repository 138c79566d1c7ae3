package cn.daiban.kernel.agent;

import cn.daiban.kernel.station.StationCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentTransferredEvent(AgentId agentId, StationCode fromStationCode, StationCode toStationCode, String reason) {
}

package cn.daiban.kernel.complaint;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ComplaintReceivedEvent(@DataSubject ComplaintId complaintId, StationCode stationCode, AgentId agentId, DelegationId delegationId, ComplaintChannel channel, @PersonalData String complainantName, @PersonalData PhoneNumber contact, String content, LocalDate receivedOn) {
}

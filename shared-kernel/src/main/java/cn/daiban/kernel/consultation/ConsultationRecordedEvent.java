package cn.daiban.kernel.consultation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsultationRecordedEvent(@DataSubject ConsultationId consultationId, StationCode stationCode, AgentId agentId, @PersonalData String visitorName, @PersonalData PhoneNumber contact, ConsultationChannel channel, String content, LocalDate recordedOn) {
}

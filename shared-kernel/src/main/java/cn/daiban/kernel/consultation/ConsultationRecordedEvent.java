package cn.daiban.kernel.consultation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A consultation recorded. The last three components were added later, at the end and nullable (`001 §7.1.2`): the
 * item of the catalogue asked about, the matter in the visitor's words, and whether the station's list offered the
 * item when asked (false for a matter the catalogue does not have; null when none was named). An event stored before
 * them reads with nulls: a consultation that named no matter.
 */
@Revision("1")
public record ConsultationRecordedEvent(@DataSubject ConsultationId consultationId, StationCode stationCode,
                                        AgentId agentId, @PersonalData String visitorName,
                                        @PersonalData PhoneNumber contact, ConsultationChannel channel, String content,
                                        LocalDate recordedOn, ServiceItemCode itemCode, String itemAsked,
                                        Boolean offeredHere) {

    /** A consultation that names no matter. */
    public ConsultationRecordedEvent(ConsultationId consultationId, StationCode stationCode, AgentId agentId,
                                     String visitorName, PhoneNumber contact, ConsultationChannel channel,
                                     String content, LocalDate recordedOn) {
        this(consultationId, stationCode, agentId, visitorName, contact, channel, content, recordedOn, null, null,
                null);
    }
}

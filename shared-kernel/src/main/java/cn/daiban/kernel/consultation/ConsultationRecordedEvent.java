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
 * A consultation recorded. The last four components were added later, at the end and nullable. The item of the
 * catalogue asked about, the matter in the visitor's words, and whether the station's list offered the item when
 * asked (`001 §7.1.2`; false for a matter the catalogue does not have; null when none was named). And the day the
 * reply is due when it was not answered at once (`004 §6.3.3.1.3` 不能直接解答的咨询…在1个工作日内予以答复: one working
 * day after it was recorded; null when answered at once, or when the calendar of that day's year is not loaded). An
 * event stored before them reads with nulls: a consultation that named no matter, whose reply fell due only once it
 * was forwarded, as then.
 */
@Revision("1")
public record ConsultationRecordedEvent(@DataSubject ConsultationId consultationId, StationCode stationCode,
                                        AgentId agentId, @PersonalData String visitorName,
                                        @PersonalData PhoneNumber contact, ConsultationChannel channel, String content,
                                        LocalDate recordedOn, ServiceItemCode itemCode, String itemAsked,
                                        Boolean offeredHere, LocalDate replyDueDate) {

    /** A consultation that names no matter. */
    public ConsultationRecordedEvent(ConsultationId consultationId, StationCode stationCode, AgentId agentId,
                                     String visitorName, PhoneNumber contact, ConsultationChannel channel,
                                     String content, LocalDate recordedOn) {
        this(consultationId, stationCode, agentId, visitorName, contact, channel, content, recordedOn, null, null,
                null, null);
    }

    /** A consultation answered at once (no reply due). */
    public ConsultationRecordedEvent(ConsultationId consultationId, StationCode stationCode, AgentId agentId,
                                     String visitorName, PhoneNumber contact, ConsultationChannel channel,
                                     String content, LocalDate recordedOn, ServiceItemCode itemCode, String itemAsked,
                                     Boolean offeredHere) {
        this(consultationId, stationCode, agentId, visitorName, contact, channel, content, recordedOn, itemCode,
                itemAsked, offeredHere, null);
    }
}

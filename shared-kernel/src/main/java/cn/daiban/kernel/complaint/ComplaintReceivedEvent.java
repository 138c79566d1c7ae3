package cn.daiban.kernel.complaint;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A complaint received. {@code dueDate}, added later at the end and nullable: the day it must be answered by, the
 * time limit counted from its receipt (`004 §6.2.3` 投诉及时处理率100%), null when the calendar of that day's year is
 * not loaded; an event stored before it reads null, its limit then counted from its acceptance, as then.
 */
@Revision("1")
public record ComplaintReceivedEvent(@DataSubject ComplaintId complaintId, StationCode stationCode, AgentId agentId,
                                     DelegationId delegationId, ComplaintChannel channel,
                                     @PersonalData String complainantName, @PersonalData PhoneNumber contact,
                                     String content, LocalDate receivedOn, LocalDate dueDate) {

    /** A complaint whose limit is counted from its acceptance (received before limits ran from receipt). */
    public ComplaintReceivedEvent(ComplaintId complaintId, StationCode stationCode, AgentId agentId,
                                  DelegationId delegationId, ComplaintChannel channel, String complainantName,
                                  PhoneNumber contact, String content, LocalDate receivedOn) {
        this(complaintId, stationCode, agentId, delegationId, channel, complainantName, contact, content, receivedOn,
                null);
    }
}

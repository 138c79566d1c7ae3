package cn.daiban.kernel.delegation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.station.StationCode;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An intake refused with its reason (退件原因). */
@Revision("1")
public record DelegationDeclinedEvent(
        @DataSubject DelegationId delegationId,
        DelegationKind kind,
        StationCode stationCode,
        AgentId agentId,
        ServiceItemCode itemCode,
        String itemName,
        Client client,
        String reason,
        LocalDate declinedOn) {
}

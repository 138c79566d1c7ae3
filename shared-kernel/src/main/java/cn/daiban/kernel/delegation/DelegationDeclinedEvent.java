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
        LocalDate declinedOn,
        // Added later, at the end and nullable: events stored before them deserialize with null, so no @Revision bump.
        // The receiver's name as registered when the intake was refused (004 附录D 受理人员).
        String agentName,
        // Added later, at the end and nullable (004 附录D 窗口, 事项所属): the window where it was refused, and the
        // department of the catalogue item (null for a matter the catalogue has no item for).
        String window,
        String department) {

    /** The event as written before the window and the department were added. */
    public DelegationDeclinedEvent(DelegationId delegationId, DelegationKind kind, StationCode stationCode,
                                   AgentId agentId, ServiceItemCode itemCode, String itemName, Client client,
                                   String reason, LocalDate declinedOn, String agentName) {
        this(delegationId, kind, stationCode, agentId, itemCode, itemName, client, reason, declinedOn, agentName,
                null, null);
    }

    /** The event as written before the receiver's name was added. */
    public DelegationDeclinedEvent(DelegationId delegationId, DelegationKind kind, StationCode stationCode,
                                   AgentId agentId, ServiceItemCode itemCode, String itemName, Client client,
                                   String reason, LocalDate declinedOn) {
        this(delegationId, kind, stationCode, agentId, itemCode, itemName, client, reason, declinedOn, null);
    }
}

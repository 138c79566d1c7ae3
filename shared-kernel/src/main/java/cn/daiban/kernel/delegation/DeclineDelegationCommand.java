package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A matter that does not qualify is declined with the reason told (`002 委托`); it still lands in the work ledger (受理与否 = 否). */
public record DeclineDelegationCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        DelegationKind kind,
        StationCode stationCode,
        AgentId agentId,
        ServiceItemCode itemCode,
        Client client,
        String reason,
        // Added later, optional (004 附录D 窗口, 申请事项): the window or zone where the intake was refused, and the
        // matter in the client's words when the catalogue has no item for it (the common reason to refuse).
        String window,
        String itemAsked) implements StationScoped {

    public DeclineDelegationCommand {
        Require.present(delegationId, "delegationId");
        Require.present(kind, "kind");
        Require.present(stationCode, "stationCode");
        Require.present(agentId, "agentId");
        Require.present(client, "client");
        reason = Require.text(reason, "reason", 500);
        window = Require.optionalText(window, "window", 50);
        itemAsked = Require.optionalText(itemAsked, "itemAsked", 200);
    }

    /** Without the window and the matter in the client's words. */
    public DeclineDelegationCommand(DelegationId delegationId, DelegationKind kind, StationCode stationCode,
                                    AgentId agentId, ServiceItemCode itemCode, Client client, String reason) {
        this(delegationId, kind, stationCode, agentId, itemCode, client, reason, null, null);
    }
}

package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.AcceptDelegationTransferCommand;
import cn.daiban.kernel.delegation.AgentReassignedEvent;
import cn.daiban.kernel.delegation.ApplicantCommitments;
import cn.daiban.kernel.delegation.AssistConvertedToProxyEvent;
import cn.daiban.kernel.delegation.ConvertAssistToProxyCommand;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationTransferRefusedEvent;
import cn.daiban.kernel.delegation.DelegationTransferRequestedEvent;
import cn.daiban.kernel.delegation.DelegationTransferWithdrawnEvent;
import cn.daiban.kernel.delegation.DelegationTransferredEvent;
import cn.daiban.kernel.delegation.ProgressReportedEvent;
import cn.daiban.kernel.delegation.ReassignAgentCommand;
import cn.daiban.kernel.delegation.RefuseDelegationTransferCommand;
import cn.daiban.kernel.delegation.ReportProgressCommand;
import cn.daiban.kernel.delegation.TransferDelegationCommand;
import cn.daiban.kernel.delegation.WithdrawDelegationTransferCommand;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * Who handles the open matter, where and how (一对一服务): the responsible agent, the window or zone it sits at, the
 * kind (an assist may become a proxy), and the progress reported to the client. A member of {@link Delegation}.
 */
class Assignment {

    private final Delegation delegation;
    private DelegationKind kind;
    private AgentId agentId;
    private String window;
    /** The transfer waiting for its receiver (003 三(五)), or null. */
    private DelegationTransferRequestedEvent pendingTransfer;
    /** Who asked for it (the actor in its metadata), or null when not recorded. */
    private String pendingTransferRequestedBy;

    Assignment(Delegation delegation) {
        this.delegation = delegation;
    }

    @CommandHandler
    long handle(ReassignAgentCommand command, AgentRegistry agents) {
        delegation.requireOpen("reassign");
        if (!command.clientInformed()) {
            throw DomainRuleException.ruleViolated(CLIENT_INFORMED_OF_REASSIGNMENT, "clientInformed",
                    "the client must be told before the responsible agent changes (002 一对一服务)");
        }
        if (command.newAgentId().equals(agentId)) {
            throw DomainRuleException.ruleViolated(DIFFERENT_AGENT, "newAgentId", "that agent is already responsible");
        }
        CommissioningRules.responsibleAgent(command.newAgentId(), delegation.originStation(), agents, "newAgentId");
        // The first receiver stays the first responsible (003 三(五)); the new handler is named as registered now.
        apply(new AgentReassignedEvent(delegation.id(), agentId, command.newAgentId(), command.reason(),
                agents.find(command.newAgentId()).map(AgentRegistry.RegisteredAgent::name).orElse(null)));
        return getVersion();
    }

    @CommandHandler
    long handle(ReportProgressCommand command) {
        delegation.requireOpen("report progress on");
        apply(new ProgressReportedEvent(delegation.id(), command.note(), command.channel(), command.channelNote()));
        return getVersion();
    }

    @CommandHandler
    long handle(ConvertAssistToProxyCommand command, ServiceItemCatalog catalog, AgentRegistry agents,
                AcceptanceFormNumbers formNumbers, StationRegistry stations, DelegationPolicy policy) {
        delegation.requireOpen("convert");
        if (kind != DelegationKind.ASSIST) {
            throw DomainRuleException.illegalTransition(ASSIST_ONLY, "only an assist can become a proxy");
        }
        ServiceItemCode itemCode = delegation.itemCode();
        StationCode station = delegation.originStation();
        ServiceItemDefinition definition = catalog.find(itemCode)
                .orElseThrow(() -> DomainRuleException.unknownReference("itemCode", "no service item " + itemCode))
                .definition();
        CommissioningRules.proxyAllowed(definition, command.client(), command.needsAnalysis(),
                command.teamLeaderId(), command.applicantSigned(), station, agents);
        String supervisionPhone = stations.find(station).map(StationRegistry.RegisteredStation::supervisionPhone)
                .orElse(null);
        apply(new AssistConvertedToProxyEvent(delegation.id(), command.client(),
                formNumbers.next(station, Delegation.today(policy)), command.needsAnalysis(), command.teamLeaderId(),
                command.applicantSigned(), command.notes(), supervisionPhone,
                agents.find(command.teamLeaderId()).map(AgentRegistry.RegisteredAgent::name).orElse(null),
                ApplicantCommitments.CURRENT));
        return getVersion();
    }

    @CommandHandler
    long handle(TransferDelegationCommand command, StationRegistry stations) {
        delegation.requireOpen("transfer");
        if (command.toWindow().equals(window)) {
            throw DomainRuleException.ruleViolated(DIFFERENT_WINDOW, "toWindow", "it is already at " + window);
        }
        // Within the station that took the matter (the first receiver stays responsible): only to a window or zone
        // it has, as last approved. A station whose windows the look-up does not know is not checked.
        StationCode origin = delegation.originStation();
        StationRegistry.RegisteredStation station = stations.find(origin).orElseThrow(() ->
                DomainRuleException.unknownReference("toWindow", "no station " + origin));
        if (!station.hasWindow(command.toWindow())) {
            throw DomainRuleException.ruleViolated(WINDOW_OF_STATION, "toWindow",
                    "station " + origin + " has no window or zone " + command.toWindow() + "; it has "
                            + station.windowCodes().stream().sorted().toList());
        }
        if (pendingTransfer != null) {
            throw DomainRuleException.illegalTransition(TRANSFER_PENDING, "a transfer to "
                    + pendingTransfer.toWindow() + " still waits for its receiver to accept it (003 三(五))");
        }
        // 003 三(五) 及时受理其他服务区转办的业务: the transfer waits for the receiving zone or window to accept it and
        // name its helper; until then the matter stays where it is.
        apply(new DelegationTransferRequestedEvent(delegation.id(), window, command.toWindow(), command.reason()));
        return getVersion();
    }

    /**
     * The receiving zone or window accepts the pending transfer and names its helper, an active, qualified agent of
     * the station (assumption: the command side's agent look-up does not know posts, so that the helper is posted at
     * the receiving window is not checked). The first receiver stays responsible: the agent does not change.
     */
    @CommandHandler
    long handle(AcceptDelegationTransferCommand command, AgentRegistry agents) {
        delegation.requireOpen("accept the transfer of");
        if (pendingTransfer == null) {
            throw DomainRuleException.illegalTransition(TRANSFER_AWAITING_ACCEPTANCE,
                    "no transfer of this matter waits for its receiver");
        }
        CommissioningRules.responsibleAgent(command.helperAgentId(), delegation.originStation(), agents,
                "helperAgentId");
        apply(new DelegationTransferredEvent(delegation.id(), pendingTransfer.fromWindow(), pendingTransfer.toWindow(),
                pendingTransfer.reason(), command.helperAgentId(),
                agents.find(command.helperAgentId()).map(AgentRegistry.RegisteredAgent::name).orElse(null),
                command.note()));
        return getVersion();
    }

    /**
     * The sending side takes the pending transfer back (sent to the wrong zone, or no longer needed). Assumption: the
     * sign-in knows stations, not windows, so any handler of the station may do it, as any may accept; who did is in
     * the event's metadata.
     */
    @CommandHandler
    long handle(WithdrawDelegationTransferCommand command) {
        delegation.requireOpen("withdraw the transfer of");
        DelegationTransferRequestedEvent pending = requirePendingTransfer("withdrawn");
        apply(new DelegationTransferWithdrawnEvent(delegation.id(), pending.fromWindow(), pending.toWindow(),
                command.reason()));
        return getVersion();
    }

    /**
     * The receiving zone or window returns the pending transfer as not within its duties (003 三(五) 根据职责受理),
     * saying why. The matter stays at the sending window. Any staff of the station may do it except whoever asked for
     * the transfer (rule {@code transfer-refused-by-receiver}): a sender ends its own transfer by withdrawing it, so a
     * refusal in the history is never the sender clearing a late transfer in the receiver's name. Assumption, as
     * above: the sign-in knows the station, not the window, so the receiver is not otherwise checked.
     */
    @CommandHandler
    long handle(RefuseDelegationTransferCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        delegation.requireOpen("refuse the transfer of");
        DelegationTransferRequestedEvent pending = requirePendingTransfer("refused");
        if (actor != null && actor.equals(pendingTransferRequestedBy)) {
            throw DomainRuleException.ruleViolated(TRANSFER_REFUSED_BY_RECEIVER, null, "the transfer to "
                    + pending.toWindow() + " is returned by its receiver, not by whoever sent it; the sender takes "
                    + "it back instead (/transfer/withdrawal, 撤回转办)");
        }
        apply(new DelegationTransferRefusedEvent(delegation.id(), pending.fromWindow(), pending.toWindow(),
                command.reason()));
        return getVersion();
    }

    private DelegationTransferRequestedEvent requirePendingTransfer(String done) {
        if (pendingTransfer == null) {
            throw DomainRuleException.illegalTransition(TRANSFER_AWAITING_ACCEPTANCE,
                    "no transfer of this matter waits for its receiver: there is none to be " + done);
        }
        return pendingTransfer;
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        kind = event.kind();
        agentId = event.agentId();
        window = event.window();
    }

    @EventSourcingHandler
    void on(DelegationDeclinedEvent event) {
        kind = event.kind();
        agentId = event.agentId();
    }

    @EventSourcingHandler
    void on(AgentReassignedEvent event) {
        agentId = event.newAgentId();
    }

    @EventSourcingHandler
    void on(AssistConvertedToProxyEvent event) {
        kind = DelegationKind.PROXY;
    }

    @EventSourcingHandler
    void on(DelegationTransferRequestedEvent event, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        pendingTransfer = event;
        pendingTransferRequestedBy = actor;
    }

    @EventSourcingHandler
    void on(DelegationTransferredEvent event) {
        window = event.toWindow();
        pendingTransfer = null;
        pendingTransferRequestedBy = null;
    }

    @EventSourcingHandler
    void on(DelegationTransferWithdrawnEvent event) {
        pendingTransfer = null;
        pendingTransferRequestedBy = null;
    }

    @EventSourcingHandler
    void on(DelegationTransferRefusedEvent event) {
        pendingTransfer = null;
        pendingTransferRequestedBy = null;
    }
}

package cn.daiban.command.delegation;

import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * Who handles the open matter, where and how ({@link Assignment}): reassignment, transfer between windows, an
 * assist becoming a proxy.
 */
class AssignmentTest extends DelegationFixtureSupport {

    @Test
    void reassignmentNeedsAReasonAndTheClientInformed() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReassignAgentCommand(ID, OTHER_AGENT, "原代办员病假", false))
                .expectException(refusedBy("client-informed-of-reassignment", "clientInformed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReassignAgentCommand(ID, OTHER_AGENT, "原代办员病假", true))
                .expectEvents(new AgentReassignedEvent(ID, AGENT, OTHER_AGENT, "原代办员病假", agentName(OTHER_AGENT)));
    }

    /** A reassignment goes to another agent, a transfer to another window, and only an assist becomes a proxy. */
    @Test
    void reassignmentTransferAndConversionEachChangeSomething() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReassignAgentCommand(ID, AGENT, "原代办员继续办理", true))
                .expectException(refusedBy("different-agent")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "W1", "原窗口"))
                .expectException(refusedBy("different-window")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ConvertAssistToProxyCommand(ID, CLIENT, ANALYSIS, LEADER, true, List.of()))
                .expectException(refusedBy("assist-only")).expectNoEvents();
    }

    @Test
    void transferToAnotherWindowOrZoneOfTheStationWaitsForTheReceiver() {
        // 003 三(五): the transfer is pending; the matter stays at W1 until the receiver accepts it.
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectEvents(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"));
    }

    @Test
    void theReceiverAcceptsTheTransferNamingItsHelperAndTheFirstReceiverStaysResponsible() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .when(new AcceptDelegationTransferCommand(ID, OTHER_AGENT, "已接收"))
                .expectEvents(new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整", OTHER_AGENT,
                        agentName(OTHER_AGENT), "已接收"));
        // No AgentReassignedEvent: the responsible agent is still the first receiver; a reassignment to them is refused.
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整", OTHER_AGENT, agentName(OTHER_AGENT), null))
                .when(new ReassignAgentCommand(ID, AGENT, "换人", true))
                .expectException(refusedBy("different-agent", "newAgentId")).expectNoEvents();
    }

    @Test
    void aSecondTransferWhileOneIsPendingIsRefused() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .when(new TransferDelegationCommand(ID, "Z1", "再次调整"))
                .expectException(refusedBy("transfer-pending")).expectNoEvents();
    }

    @Test
    void acceptingWithoutAPendingTransferIsRefused() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new AcceptDelegationTransferCommand(ID, OTHER_AGENT, null))
                .expectException(refusedBy("transfer-awaiting-acceptance")).expectNoEvents();
    }

    /** A transfer sent to the wrong zone is taken back by its sender; the matter stays at W1 and may go elsewhere. */
    @Test
    void theSenderWithdrawsAPendingTransferAndMayThenTransferTheMatterElsewhere() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .when(new WithdrawDelegationTransferCommand(ID, "转错分区"))
                .expectEvents(new DelegationTransferWithdrawnEvent(ID, "W1", "Z2", "转错分区"));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferWithdrawnEvent(ID, "W1", "Z2", "转错分区"))
                .when(new TransferDelegationCommand(ID, "Z1", "转企业服务分区"))
                .expectEvents(new DelegationTransferRequestedEvent(ID, "W1", "Z1", "转企业服务分区"));
    }

    /** 003 三(五) 根据职责受理: the receiver returns what is not its duty, saying why; then nothing is left to accept. */
    @Test
    void theReceiverRefusesAPendingTransferOutsideItsDutiesAndItCanNoLongerBeAccepted() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .when(new RefuseDelegationTransferCommand(ID, "不属人社分区职责"))
                .expectEvents(new DelegationTransferRefusedEvent(ID, "W1", "Z2", "不属人社分区职责"));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferRefusedEvent(ID, "W1", "Z2", "不属人社分区职责"))
                .when(new AcceptDelegationTransferCommand(ID, OTHER_AGENT, null))
                .expectException(refusedBy("transfer-awaiting-acceptance")).expectNoEvents();
    }

    /** A refusal is the receiver's: whoever asked for the transfer takes it back (a withdrawal), never refuses it. */
    @Test
    void theAgentWhoAskedForTheTransferCannotRefuseItButMayWithdrawIt() {
        var requestedByAgent = GenericEventMessage.asEventMessage(
                        new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .andMetaData(MetaData.with(MetadataKeys.ACTOR_ID, AGENT.value()));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(List.of(requestedByAgent))
                .when(new RefuseDelegationTransferCommand(ID, "不属本区职责"),
                        MetaData.with(MetadataKeys.ACTOR_ID, AGENT.value()))
                .expectException(refusedBy("transfer-refused-by-receiver")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(List.of(requestedByAgent))
                .when(new WithdrawDelegationTransferCommand(ID, "转错分区"),
                        MetaData.with(MetadataKeys.ACTOR_ID, AGENT.value()))
                .expectEvents(new DelegationTransferWithdrawnEvent(ID, "W1", "Z2", "转错分区"));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(List.of(requestedByAgent))
                .when(new RefuseDelegationTransferCommand(ID, "不属本区职责"),
                        MetaData.with(MetadataKeys.ACTOR_ID, OTHER_AGENT.value()))
                .expectEvents(new DelegationTransferRefusedEvent(ID, "W1", "Z2", "不属本区职责"));
    }

    @Test
    void withdrawingOrRefusingWithoutAPendingTransferIsRefused() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new WithdrawDelegationTransferCommand(ID, "转错分区"))
                .expectException(refusedBy("transfer-awaiting-acceptance")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整", OTHER_AGENT, agentName(OTHER_AGENT), null))
                .when(new RefuseDelegationTransferCommand(ID, "不属本区职责"))
                .expectException(refusedBy("transfer-awaiting-acceptance")).expectNoEvents();
    }

    @Test
    void theReceiversHelperIsAQualifiedAgentOfTheStation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"))
                .when(new AcceptDelegationTransferCommand(ID, NOVICE, null))
                .expectException(refusedBy("agent-qualified", "helperAgentId")).expectNoEvents();
    }

    @Test
    void afterAcceptanceTheMatterIsAtTheNewWindowAndMayBeTransferredAgain() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整", OTHER_AGENT, agentName(OTHER_AGENT), null))
                .when(new TransferDelegationCommand(ID, "Z2", "原地"))
                .expectException(refusedBy("different-window", "toWindow")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .andGiven(new DelegationTransferRequestedEvent(ID, "W1", "Z2", "分区调整"),
                        new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整", OTHER_AGENT, agentName(OTHER_AGENT), null))
                .when(new TransferDelegationCommand(ID, "W1", "回原窗口"))
                .expectEvents(new DelegationTransferRequestedEvent(ID, "Z2", "W1", "回原窗口"));
    }

    @Test
    void transferToAWindowTheStationDoesNotHaveIsRefused() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z9", "分区调整"))
                .expectException(refusedBy("window-of-station", "toWindow"))
                .expectNoEvents();
    }

    @Test
    void transferFollowsTheStationsApprovedWindows() {
        // The station's windows as the look-up holds them now (after an approved change), not at commissioning.
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectSuccessfulHandlerExecution();
        StationRegistry.RegisteredStation village = stations.get(VILLAGE);
        stations.put(VILLAGE, new StationRegistry.RegisteredStation(VILLAGE, village.name(), village.level(),
                village.status(), village.parentCode(), village.supervisionPhone(), village.serviceItemCodes(),
                village.region(), Set.of("W1", "Z1")));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectException(refusedBy("window-of-station", "toWindow"))
                .expectNoEvents();
    }

    @Test
    void assistBecomesAProxyWithAnAcceptanceForm() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new ConvertAssistToProxyCommand(ID, CLIENT, ANALYSIS, LEADER, true, List.of()))
                .expectEvents(new AssistConvertedToProxyEvent(ID, CLIENT, FORM, ANALYSIS, LEADER, true, List.of(),
                        "0356-7021234", agentName(LEADER), ApplicantCommitments.CURRENT));
    }

    /**
     * 003 三(五) (首先接收的帮办代办员作为第一责任人) and 002 表A.2: the commissioning names its first receiver and the team
     * leader who signs, the application time and the version of the 注意事项 the applicant signed; a reassignment names
     * the new handler and leaves the first receiver as recorded.
     */
    @Test
    void firstReceiverAndSignedCommitmentsAreRecordedByName_003_3_5_and_002_A2() {
        Instant applied = NOW.minusSeconds(3600);
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").notes(List.of("请保持电话畅通")).appliedAt(applied).build())
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.axonframework.test.matchers.Matchers.matches(event -> {
                                    DelegationCommissionedEvent e = (DelegationCommissionedEvent) event;
                                    return e.agentName().equals("代办员1111") && e.teamLeaderName().equals("代办员3333")
                                            && e.appliedAt().equals(applied)
                                            && e.commitmentsVersion().equals(ApplicantCommitments.CURRENT);
                                })), org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    /** 002 表A.2 申请时间 / 受理时间: the application cannot come after its acceptance. */
    @Test
    void appliedBeforeAccepted_002_A2() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().appliedAt(NOW.plusSeconds(60)).build())
                .expectException(refusedBy("applied-before-accepted", "appliedAt")).expectNoEvents();
    }
}

package cn.daiban.command.delegation;

import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

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
                .expectEvents(new AgentReassignedEvent(ID, AGENT, OTHER_AGENT, "原代办员病假"));
    }

    @Test
    void transferGoesToAnotherWindowOrZoneOfTheStation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectEvents(new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整"));
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
                        "0356-7021234"));
    }
}

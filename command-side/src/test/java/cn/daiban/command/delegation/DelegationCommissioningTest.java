package cn.daiban.command.delegation;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

/**
 * Commissioning (委托受理): who may take which matter for whom, the acceptance form, and the deadline on the working-
 * day calendar; a refused intake is recorded too.
 */
class DelegationCommissioningTest extends DelegationFixtureSupport {

    @Test
    void proxyIsCommissionedWithAnAcceptanceFormAndADeadlineOnTheWorkingDayCalendar() {
        fixture().givenCurrentTime(NOW)
                .when(proxy(PENSION))
                .expectEvents(pensionProxyCommissioned())
                .expectResultMessagePayload(0L)
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 30), 0), Delegation.WARNING)
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 12, 2), 0), Delegation.OVERDUE);
    }

    /**
     * 001 §6.4.2 (对未代办成功的事项…协助重新办理): a matter taken on again names an earlier one that ended without a result
     * (failed, terminated or withdrawn, declined), not one still in hand or one that succeeded, nor one that does not
     * exist.
     */
    @Test
    void reappliesAnUnsuccessfulMatter_anEarlierMatterThatEndedWithoutAResult() {
        DelegationId earlier = DelegationId.of("0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b9999");
        CommissionDelegationCommand again = commissioning().proxy().previous(earlier).build();
        earlierMatters.put(earlier, EarlierMatters.Outcome.UNSUCCESSFUL);
        fixture().givenCurrentTime(NOW).when(again)
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        earlier.equals(((DelegationCommissionedEvent) event).previousDelegationId()))), andNoMore()));
        earlierMatters.put(earlier, EarlierMatters.Outcome.SUCCEEDED);
        fixture().givenCurrentTime(NOW).when(again)
                .expectException(refusedBy("reapplies-an-unsuccessful-matter", "previousDelegationId")).expectNoEvents();
        earlierMatters.put(earlier, EarlierMatters.Outcome.OPEN);
        fixture().givenCurrentTime(NOW).when(again)
                .expectException(refusedBy("reapplies-an-unsuccessful-matter", "previousDelegationId")).expectNoEvents();
        earlierMatters.clear();
        fixture().givenCurrentTime(NOW).when(again)
                .expectException(refusedBy("reference-exists", "previousDelegationId")).expectNoEvents();
    }

    @Test
    void deadlineSpanningTheSpringFestivalSkipsTheHolidayAndCountsTheWorkingSaturday() {
        // Thu 12 Feb + 5 working days: Fri 13, Sat 14 (调休上班), [15–23 off], Tue 24, Wed 25, Thu 26.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 2, 12), 9))
                .when(assist(PENSION))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 2, 26)))), andNoMore()));
    }

    @Test
    void commissioningOnAHolidayIsAllowedForSpecialHandling() {
        // Sunday 4 October 2026, in the National Day holiday: the calendar never blocks an action. Counting
        // starts after the holiday: Thu 8, Fri 9, Sat 10 (调休上班), Mon 12, Tue 13.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 10, 4), 9))
                .when(assist(PENSION))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 10, 13)))), andNoMore()));
    }

    @Test
    void onlyAnOpenStationTakesDelegations() {
        stations.put(VILLAGE, station(VILLAGE, StationLevel.VILLAGE_STATION, StationStatus.CLOSED));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION))
                .expectException(refusedBy("station-open", "stationCode")).expectNoEvents();
    }

    @Test
    void agentMustBeQualified() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().agent(NOVICE).build())
                .expectException(refusedBy("agent-qualified", "agentId")).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("not qualified")).expectNoEvents();
    }

    @Test
    void agentMustBeActiveAndOfTheStation() {
        agents.put(AGENT, agent(AGENT, TOWNSHIP, AgentRole.AGENT, true, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("agent-of-station", "agentId")).expectNoEvents();
        agents.put(AGENT, agent(AGENT, VILLAGE, AgentRole.AGENT, false, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("agent-active", "agentId")).expectNoEvents();
    }

    @Test
    void itemMustBePublishedAndOfferedByTheStation() {
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 3, PENSION_ITEM, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("item-published", "itemCode")).expectNoEvents();
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 2, PENSION_ITEM, false));
        stations.put(VILLAGE, new StationRegistry.RegisteredStation(VILLAGE, "村站", StationLevel.VILLAGE_STATION,
                StationStatus.OPEN, TOWNSHIP, "0356-7021234", Set.of("ZR-001")));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("item-offered", "itemCode")).expectNoEvents();
    }

    @Test
    void commissioningNeedsTheClientsConsent() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().consentGiven(false).build())
                .expectException(refusedBy("client-consent", "consentGiven")).expectNoEvents();
    }

    @Test
    void proxyOfPrivacyItemIsRefused() {
        fixture().givenCurrentTime(NOW).when(proxy(ID_CARD))
                .expectException(refusedBy("privacy-item-not-proxied", "kind"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("privacy"))
                .expectNoEvents();
    }

    /**
     * 000 §4.1 涉及个人隐私的情况不应代（帮）办: not even an assist (this test used to assert the opposite). The refusal
     * names the rule and tells the agent to guide the client instead; no event, so no register or ledger row.
     */
    @Test
    void noDelegationOfPrivacyItems_000_4_1_neitherAssistedNorProxied() {
        fixture().givenCurrentTime(NOW).when(assist(ID_CARD))
                .expectException(refusedBy("no-delegation-of-privacy-items", "itemCode"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("guide the client"))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW).when(proxy(ID_CARD))
                .expectException(refusedBy("privacy-item-not-proxied", "kind")).expectNoEvents();
    }

    @Test
    void proxyNeedsResidentIdAndPhone() {
        Client anonymous = new Client(ClientKind.CITIZEN, "王秀英", null, null, PhoneNumber.of("13912345678"), null);
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().client(anonymous).build())
                .expectException(refusedBy("proxy-client-identified", "client.residentId")).expectNoEvents();
    }

    @Test
    void proxyNeedsAConfirmedNeedsAnalysisAndTheTeamLeadersSignOff() {
        NeedsAnalysis unconfirmed = new NeedsAnalysis(Difficulty.LOW, 3, List.of("代为申报"), false);
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().needsAnalysis(unconfirmed).build())
                .expectException(refusedBy("needs-analysis-confirmed", "needsAnalysis")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().teamLeader(OTHER_AGENT).build())
                .expectException(refusedBy("team-leader-sign-off", "teamLeaderId")).expectNoEvents();
    }

    @Test
    void promisedLimitMayBeShorterThanPublishedButNeverLonger() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().promisedWorkingDays(6).build())
                .expectException(refusedBy("published-limit", "promisedWorkingDays")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().promisedWorkingDays(2).build())
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 11, 26)))), andNoMore()));
    }

    @Test
    void onlyNonEssentialMaterialsMayBeToleratedMissing() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().toleratedGaps(new ToleratedGap("居民身份证", TODAY.plusDays(3))).build())
                .expectException(refusedBy("tolerated-material-non-essential", "toleratedGaps")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(3))).build())
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadlineWithName(at(TODAY.plusDays(4), 0), Delegation.TOLERATED_DUE);
    }

    /**
     * A refusal (不予受理) is recorded with its reason and, for 004 附录D, the window, the item and its department (事项所属);
     * a matter the catalogue has no item for is named in the client's words, with no department.
     */
    @Test
    void declinedIntakeIsRecordedWithItsReason() {
        fixture().givenCurrentTime(NOW)
                .when(new DeclineDelegationCommand(ID, DelegationKind.PROXY, VILLAGE, AGENT, PENSION, CLIENT, "已参保，无需重复登记",
                        "W1", null))
                .expectEvents(new DelegationDeclinedEvent(ID, DelegationKind.PROXY, VILLAGE, AGENT, PENSION,
                        PENSION_ITEM.name(), CLIENT, "已参保，无需重复登记", TODAY, agentName(AGENT), "W1",
                        PENSION_ITEM.department()));
        fixture().givenCurrentTime(NOW)
                .when(new DeclineDelegationCommand(ID, DelegationKind.ASSIST, VILLAGE, AGENT, null, CLIENT,
                        "不属于本站帮办代办范围", null, "出国签证"))
                .expectEvents(new DelegationDeclinedEvent(ID, DelegationKind.ASSIST, VILLAGE, AGENT, null, "出国签证",
                        CLIENT, "不属于本站帮办代办范围", TODAY, agentName(AGENT), null, null));
    }

    /** 容缺受理: a material accepted as missing is one of the item's list. */
    @Test
    void onlyAMaterialOfTheItemMayBeToleratedMissing() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().toleratedGaps(new ToleratedGap("结婚证", TODAY.plusDays(3))).build())
                .expectException(refusedBy("tolerated-material-listed", "toleratedGaps")).expectNoEvents();
    }

    /** 并联办理 involves at least two departments. */
    @Test
    void parallelHandlingInvolvesAtLeastTwoDepartments() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().parallelDepartments("人社").build())
                .expectException(refusedBy("parallel-handling", "parallelDepartments")).expectNoEvents();
    }

    /** A proxy's acceptance form is signed by the applicant. */
    @Test
    void aProxyNeedsTheApplicantsSignature() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().applicantSigned(false).build())
                .expectException(refusedBy("applicant-signed", "applicantSigned")).expectNoEvents();
    }

    @Test
    void anIntakeIsDeclinedOnlyAtAStationThatExists() {
        fixture().givenCurrentTime(NOW)
                .when(new DeclineDelegationCommand(ID, DelegationKind.PROXY, StationCode.of("140521101299"), AGENT,
                        PENSION, CLIENT, "已参保，无需重复登记"))
                .expectException(refusedBy("reference-exists", "stationCode")).expectNoEvents();
    }

    /** A day in a year before the loaded calendar is not guessed: the command is refused by name. */
    @Test
    void aDeadlineInAYearBeforeTheLoadedCalendarIsRefused() {
        fixture().givenCurrentTime(LocalDate.of(2025, 12, 1).atTime(10, 0).atZone(SHANGHAI).toInstant())
                .when(proxy(PENSION))
                .expectException(refusedBy("calendar-year-not-loaded")).expectNoEvents();
    }
}

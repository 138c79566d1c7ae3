package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

/**
 * The clock ({@link Supplements}, {@link TimeLimit}): missing materials requested at once, the clock standing
 * still while waiting or suspended, the warning and overdue checks, and the end of a suspension.
 */
class SupplementsAndPausesTest extends DelegationFixtureSupport {

    @Test
    void allMissingMaterialsAreRequestedAtOnceAndTheClockStops() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .expectEvents(new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 26), null, false))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 27), 0), Delegation.SUPPLEMENT_DUE);
    }

    @Test
    void secondSupplementRequestNeedsAJustificationAndIsFlaggedAsABreach() {
        var first = new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 26), null, false);
        var received = new SupplementReceivedEvent(ID, 1, TODAY, 0, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1));
        List<MissingMaterial> more = List.of(new MissingMaterial("村委会证明", "村委会开具"));
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(), first, received)
                .when(new RequestSupplementCommand(ID, more, LocalDate.of(2026, 11, 30), null))
                .expectException(refusedBy("one-time-notice", "justification")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(), first, received)
                .when(new RequestSupplementCommand(ID, more, LocalDate.of(2026, 11, 30), "上级审核新增要求"))
                .expectEvents(new SupplementRequestedEvent(ID, 2, more, TODAY, LocalDate.of(2026, 11, 30),
                        "上级审核新增要求", true));
    }

    @Test
    void receivedMaterialsMoveTheDeadlineOutByTheWorkingDaysWaited() {
        // Requested Tue 24, received Fri 27: 3 working days; Tue 1 Dec + 3 → Fri 4 Dec.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 11, 27), 15))
                .andGiven(pensionProxyCommissioned(),
                        new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 30), null, false))
                .when(new ReceiveSupplementCommand(ID, null))
                .expectEvents(new SupplementReceivedEvent(ID, 1, LocalDate.of(2026, 11, 27), 3,
                        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4)))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 12, 5), 0), Delegation.OVERDUE);
    }

    @Test
    void overdueMaterialsGetOneReminderThenSuspendTheDelegation() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 27), 1))
                .expectEvents(new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30)));
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 1), 1))
                .expectEvents(
                        new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30)),
                        new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    }

    @Test
    void suspensionPastItsContinuationDeadlineTerminates() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 25), 1))
                .expectEvents(new DelegationTerminatedEvent(ID, TerminationReason.CONTINUATION_DEADLINE_PASSED,
                        "续办期限 2026-12-24 已过", LocalDate.of(2026, 12, 25)));
    }

    @Test
    void resumingMovesTheDeadlineOutByTheSuspendedWorkingDays() {
        // Suspended Tue 24 Nov, resumed Thu 3 Dec: 7 working days; Tue 1 Dec + 7 → Thu 10 Dec.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 3), 9))
                .andGiven(pensionProxyCommissioned(), new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST,
                        null, TODAY, LocalDate.of(2026, 12, 24)))
                .when(new ResumeDelegationCommand(ID, null))
                .expectEvents(new DelegationResumedEvent(ID, LocalDate.of(2026, 12, 3), 7, LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 12, 10)));
    }

    /**
     * 002 服务中止与续办 (中止原因消除后，服务对象可继续申请): suspended for an unpaid fee, the matter resumes once the fee is
     * paid, not before; the refusal names the rule and what is left.
     */
    @Test
    void aMatterSuspendedForAnUnpaidFeeResumesOnlyOnceItIsPaid() {
        List<Object> suspendedForTheFee = List.of(realEstateProxy(), new NotifyStatutoryFeeCommand(ID, "不动产登记费"),
                new SuspendDelegationCommand(ID, SuspensionReason.FEES_UNPAID, "申请人未缴费"));
        fixture().givenCurrentTime(NOW).andGivenCommands(suspendedForTheFee)
                .when(new ResumeDelegationCommand(ID, null))
                .expectException(refusedBy("suspension-cause-removed"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("unpaid")).expectNoEvents();
        List<Object> paidWhileSuspended = new java.util.ArrayList<>(suspendedForTheFee);
        paidWhileSuspended.add(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-2026-000123"));
        fixture().givenCurrentTime(NOW).andGivenCommands(paidWhileSuspended)
                .when(new ResumeDelegationCommand(ID, null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationResumedEvent)), andNoMore()));
    }

    /**
     * Suspended for a tolerated material (容缺) still missing after its reminder, the matter resumes once it is in
     * (received while suspended), not before; a suspension the client asked for is the agent's to judge.
     */
    @Test
    void aMatterSuspendedForAToleratedMaterialResumesOnlyOnceItIsIn() {
        LocalDate committed = LocalDate.of(2026, 11, 25);
        DelegationCommissionedEvent tolerated = commissioned().toleratedGaps(new ToleratedGap("户口簿", committed)).build();
        DelegationSuspendedEvent suspended = new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE,
                "逾期未补交容缺材料（户口簿，承诺2026-11-25前补交），已提醒一次", LocalDate.of(2026, 11, 28),
                LocalDate.of(2026, 12, 28));
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 1), 9))
                .andGiven(tolerated, new ToleratedMaterialOverdueEvent(ID, "户口簿", committed), suspended)
                .when(new ResumeDelegationCommand(ID, null))
                .expectException(refusedBy("suspension-cause-removed"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("户口簿")).expectNoEvents();
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 1), 9))
                .andGiven(tolerated, new ToleratedMaterialOverdueEvent(ID, "户口簿", committed), suspended,
                        new ToleratedMaterialReceivedEvent(ID, "户口簿", LocalDate.of(2026, 12, 1)))
                .when(new ResumeDelegationCommand(ID, null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationResumedEvent)), andNoMore()));
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 1), 9))
                .andGiven(tolerated, new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, "外出务工",
                        TODAY, LocalDate.of(2026, 12, 24)))
                .when(new ResumeDelegationCommand(ID, null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationResumedEvent)), andNoMore()));
    }

    /**
     * 续办 with the materials still to come after a suspension for them: the wait is followed up again from the
     * resumption (before, the due and final checks had fired and the matter waited for ever, its clock stopped). Resumed
     * Thu 3 Dec; still nothing by Mon 7 Dec (the two working days' grace): suspended again on the 8th.
     */
    @Test
    void aMatterResumedStillWaitingForOverdueMaterialsIsFollowedUpAgain() {
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 3), 9))
                .andGiven(pensionProxyCommissioned(),
                        new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 26), null, false),
                        new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30)),
                        new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)))
                .andGivenCommands(new ResumeDelegationCommand(ID, "申请人称下周补交"))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 8), 1))
                .expectEvents(new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                        LocalDate.of(2026, 12, 8), LocalDate.of(2027, 1, 7)));
    }

    /**
     * Suspended for overdue materials while waiting for a supplement, with a tolerated material past its date too: the
     * tolerated one is brought (received while suspended) before the matter continues to wait for the supplement.
     */
    @Test
    void aMatterSuspendedWhileWaitingForASupplementResumesOnlyOnceItsOverdueToleratedMaterialIsIn() {
        LocalDate committed = LocalDate.of(2026, 11, 25);
        DelegationCommissionedEvent tolerated = commissioned().toleratedGaps(new ToleratedGap("户口簿", committed)).build();
        List<Object> suspendedWaiting = List.of(tolerated,
                new SupplementRequestedEvent(ID, 1, List.of(new MissingMaterial("居民身份证复印件", "复印")), TODAY,
                        LocalDate.of(2026, 11, 26), null, false),
                new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 3), 9)).andGiven(suspendedWaiting)
                .when(new ResumeDelegationCommand(ID, null))
                .expectException(refusedBy("suspension-cause-removed"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("户口簿")).expectNoEvents();
        List<Object> broughtIn = new java.util.ArrayList<>(suspendedWaiting);
        broughtIn.add(new ToleratedMaterialReceivedEvent(ID, "户口簿", LocalDate.of(2026, 12, 2)));
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 3), 9)).andGiven(broughtIn)
                .when(new ResumeDelegationCommand(ID, null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationResumedEvent)), andNoMore()));
    }

    @Test
    void materialsOverdueIsNotAManualSuspensionReason() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new SuspendDelegationCommand(ID, SuspensionReason.MATERIALS_OVERDUE, null))
                .expectException(refusedBy("materials-overdue-is-automatic", "reason")).expectNoEvents();
    }

    @Test
    void warningFiresBeforeTheDeadlineAndOverdueAtIt() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 8))
                .expectEvents(new DeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1), 1),
                        new DelegationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void noOverdueWhileWaitingForMaterials() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 12, 20), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 3), 8))
                .expectNoEvents();
    }

    // Deadlines are never cancelled (a cancel scans every scheduled deadline); these show the stale ones are ignored.

    @Test
    void aPauseThatLeavesTheDeadlineWhereItWasWarnsAndFlagsOverdueOnce() {
        // Suspended and resumed the same day: no working day paused, the deadline stays Tue 1 Dec, and the checks
        // scheduled at commissioning are pending next to those scheduled on resuming.
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, null),
                        new ResumeDelegationCommand(ID, null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 8))
                .expectEvents(new DeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1), 1),
                        new DelegationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void materialsReceivedTheSameDayWarnAndFlagOverdueOnce() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null),
                        new ReceiveSupplementCommand(ID, null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 8))
                .expectEvents(new DeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1), 1),
                        new DelegationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void theContinuationDeadlineOfAnEarlierSuspensionDoesNotEndALaterOne() {
        // Suspended and resumed Tue 24 Nov (that suspension: continue by 24 Dec); materials requested, never come,
        // and the delegation is suspended by itself on Tue 1 Dec (continue by 31 Dec).
        var reminder = new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30));
        var suspended = new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, null),
                        new ResumeDelegationCommand(ID, null),
                        new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 25), 1))
                .expectEvents(reminder, suspended);
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, null),
                        new ResumeDelegationCommand(ID, null),
                        new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2027, 1, 1), 1))
                .expectEvents(reminder, suspended, new DelegationTerminatedEvent(ID,
                        TerminationReason.CONTINUATION_DEADLINE_PASSED, "续办期限 2026-12-31 已过", LocalDate.of(2027, 1, 1)));
    }

    @Test
    void nothingFiresForAWithdrawnDelegation() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, null),
                        new WithdrawDelegationCommand(ID, "不办了"))
                .whenTimeAdvancesTo(at(LocalDate.of(2027, 1, 31), 1))
                .expectNoEvents();
    }

    @Test
    void aSuspendedMatterIsNotSuspendedAgain() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION),
                        new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"))
                .when(new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "再次"))
                .expectException(refusedBy("not-suspended")).expectNoEvents();
    }

    /** A suspension for an unpaid fee needs a notified fee that is still unpaid. */
    @Test
    void suspensionForAnUnpaidFeeNeedsAFeeOutstanding() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new SuspendDelegationCommand(ID, SuspensionReason.FEES_UNPAID, null))
                .expectException(refusedBy("fee-outstanding", "reason")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new NotifyStatutoryFeeCommand(ID, "不动产登记费"))
                .when(new SuspendDelegationCommand(ID, SuspensionReason.FEES_UNPAID, null))
                .expectSuccessfulHandlerExecution();
    }
}

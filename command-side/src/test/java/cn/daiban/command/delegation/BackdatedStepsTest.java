package cn.daiban.command.delegation;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.*;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.CoreMatchers.any;

/**
 * Steps recorded after the fact (补录, {@link StepMoments}): a village station enters a paper record later, with the
 * moment it happened and why; the clock runs on that moment; it may not be in the future, before the previous
 * step, nor more than three working days back; only counter steps may be back-dated.
 */
class BackdatedStepsTest extends DelegationFixtureSupport {

    private static final LocalDate MON_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate FRI_27 = LocalDate.of(2026, 11, 27);

    private static SupplementRequestedEvent requestedOnTuesday() {
        return new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 12, 4), null, false);
    }

    @Test
    void backdatedReceiptMovesTheDeadlineByTheWorkingDaysActuallyWaited() {
        // Requested Tue 24, handed in Fri 27 at the village, entered Mon 30: waited 3 working days, not 4;
        // Tue 1 Dec + 3 → Fri 4 Dec.
        fixture().givenCurrentTime(NOW)
                .andGiven(pensionProxyCommissioned(), requestedOnTuesday())
                .andGivenCurrentTime(at(MON_30, 9))
                .when(new ReceiveSupplementCommand(ID, null), recordedLate(at(FRI_27, 15)))
                .expectEvents(new SupplementReceivedEvent(ID, 1, FRI_27, 3, LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 12, 4)));
    }

    @Test
    void backdatedCommissioningDatesTheMatterAndItsDeadlineFromTheDayItWasTaken() {
        // Taken in on paper Fri 27, entered Mon 30: form of the 27th, 5 working days → Fri 4 Dec.
        fixture().givenCurrentTime(at(MON_30, 9))
                .when(proxy(PENSION), recordedLate(at(FRI_27, 10)))
                .expectEvents(commissioned().form(cn.daiban.kernel.delegation.AcceptanceFormNumber.of(VILLAGE, FRI_27, 1))
                        .on(FRI_27, 5, LocalDate.of(2026, 12, 4)).appliedAt(at(FRI_27, 10)).build());
    }

    @Test
    void completionBackdatedToTheDeadlineDayIsOnTimeAlthoughTheOverdueCheckRanSince() {
        var overdue = GenericEventMessage.asEventMessage(new DelegationOverdueEvent(ID, LocalDate.of(2026, 12, 1)))
                .andMetaData(MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR));
        fixture().givenCurrentTime(NOW)
                .andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(LocalDate.of(2026, 12, 2), 0))
                .andGiven(List.of(overdue))
                .andGivenCurrentTime(at(LocalDate.of(2026, 12, 2), 9))
                .when(COMPLETE, recordedLate(at(LocalDate.of(2026, 12, 1), 16)))
                .expectEvents(new DelegationCompletedEvent(ID, true, "参保登记号 1405210001", null,
                        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1), true, 5));
    }

    /**
     * A follow-up contact or a phone follow-up is a note with its own moment, not a step at the counter: recorded at
     * 15:00, it does not keep the delivery that happened at 11:00 from being entered after it from paper (补录).
     */
    @Test
    void aFollowUpRecordedEarlierDoesNotBoundAStepEnteredFromPaper() {
        fixture().givenCurrentTime(NOW)
                .andGiven(pensionProxyCommissioned(), new DelegationCompletedEvent(ID, true, "参保登记号 1405210001",
                        null, TODAY, LocalDate.of(2026, 12, 1), true, 0))
                .andGivenCurrentTime(at(TODAY, 15))
                .andGiven(new FollowUpContactRecordedEvent(ID, 1, "village-agent", at(TODAY, 15), ProgressChannel.PHONE,
                        "告知领取方式"))
                .when(POST, recordedLate(at(TODAY, 11)))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(any(ResultDeliveredEvent.class)),
                        andNoMore()));
    }

    @Test
    void backdatingReasonGiven() {
        fixture().givenCurrentTime(at(MON_30, 9)).andGiven(pensionProxyCommissioned())
                .when(new ReportProgressCommand(ID, "已电话告知进度", ProgressChannel.PHONE, null),
                        recordedLate(at(FRI_27, 15), null))
                .expectException(refusedBy("backdating-reason-given", "X-Backdating-Reason")).expectNoEvents();
    }

    @Test
    void occurredNotInFuture() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReportProgressCommand(ID, "已电话告知进度", ProgressChannel.PHONE, null),
                        recordedLate(NOW.plusSeconds(3600)))
                .expectException(refusedBy("occurred-not-in-future", "X-Occurred-At")).expectNoEvents();
    }

    @Test
    void occurredAfterPreviousStep() {
        // Commissioned Tue 24 at 10:00 (given at the fixture's time); a step "at 09:00" that day came before it.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(TODAY, 15))
                .when(new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"),
                        recordedLate(at(TODAY, 9)))
                .expectException(refusedBy("occurred-after-previous-step", "X-Occurred-At")).expectNoEvents();
        // The same step at 11:00 follows it, and is dated that day.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(TODAY, 15))
                .when(new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"),
                        recordedLate(at(TODAY, 11)))
                .expectEvents(new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, "外出务工", TODAY,
                        LocalDate.of(2026, 12, 24)));
    }

    @Test
    void backdatingWindow() {
        // Entered Mon 30: Wed 25 is 3 working days back (26, 27, 30), Tue 24 is 4.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(MON_30, 9))
                .when(new ReportProgressCommand(ID, "已电话告知进度", ProgressChannel.PHONE, null),
                        recordedLate(at(TODAY, 16)))
                .expectException(refusedBy("backdating-window", "X-Occurred-At")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(MON_30, 9))
                .when(new ReportProgressCommand(ID, "已电话告知进度", ProgressChannel.PHONE, null),
                        recordedLate(at(LocalDate.of(2026, 11, 25), 16)))
                .expectEvents(new ProgressReportedEvent(ID, "已电话告知进度", ProgressChannel.PHONE, null));
    }

    @Test
    void backdatedStep() {
        // A withdrawal is recorded as it happens: it is the client's word, not a counter step.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(MON_30, 9))
                .when(new WithdrawDelegationCommand(ID, "客户撤回"), recordedLate(at(FRI_27, 10)))
                .expectException(refusedBy("backdated-step", "X-Occurred-At")).expectNoEvents();
    }
}

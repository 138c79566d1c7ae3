package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * The rectification after a poor grade ({@link Rectification}): due in working days, a follow-up call first, marked
 * done by the station, closed or sent back by supervision's re-check, flagged late when still open on its due date;
 * the archive waits while it is open.
 */
class RectificationTest extends DelegationFixtureSupport {

    @Test
    void poorGradeOpensARectificationDueInFiveWorkingDays() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(POOR)
                .expectEvents(new DelegationEvaluatedEvent(ID, 1, SatisfactionGrade.DISSATISFIED,
                                SatisfactionGrade.DISSATISFIED, SatisfactionGrade.BASICALLY_SATISFIED,
                                SatisfactionGrade.DISSATISFIED, EvaluationChannel.DEVICE, "等了太久", TODAY),
                        new RectificationRequiredEvent(ID, 1, SatisfactionGrade.DISSATISFIED, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void rectificationStartsWithTheFollowUpCallAndBlocksTheArchive() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .when(new CompleteRectificationCommand(ID, "加强培训"))
                .expectException(refusedBy("follow-up-call-first")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .when(ARCHIVE).expectException(refusedBy("rectification-closed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new RecordRectificationFollowUpCommand(ID, "电话回访，了解等待原因"))
                .when(new CompleteRectificationCommand(ID, "优化预约流程，对代办员开展培训"))
                .expectEvents(new RectificationAwaitingRecheckEvent(ID, "优化预约流程，对代办员开展培训", TODAY, true));
    }

    static final RecordRectificationFollowUpCommand CALL = new RecordRectificationFollowUpCommand(ID, "电话回访");
    static final CompleteRectificationCommand DONE = new CompleteRectificationCommand(ID, "对代办员开展培训");
    static final RecheckRectificationCommand ACCEPT = new RecheckRectificationCommand(ID, true, "复查属实", null);

    /**
     * 复查 (`000 §8.2.2`; `004 §7.2.2` 督促、跟踪、复查; `003 四(三)`): the station's "done" awaits supervision's
     * re-check and does not close the rectification; the archive still waits (rule rectification-closed).
     */
    @Test
    void recheckBySupervision_markedDoneAwaitsTheRecheckAndTheArchiveWaits() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .when(ARCHIVE).expectException(refusedBy("rectification-closed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .when(DONE).expectException(refusedBy("rectification-awaiting-recheck")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL)
                .when(ACCEPT).expectException(refusedBy("rectification-awaiting-recheck")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(ACCEPT).expectException(refusedBy("rectification-open")).expectNoEvents();
    }

    /** 复查 (`004 §7.2.2`): only an accepted re-check closes the rectification; then the matter is archived. */
    @Test
    void recheckBySupervision_acceptedClosesTheRectification() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .when(ACCEPT, java.util.Map.of("actorId", "county-supervisor"))
                .expectEvents(new RectificationAcceptedEvent(ID, "county-supervisor", "复查属实", TODAY, true));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE, ACCEPT)
                .when(ARCHIVE).expectSuccessfulHandlerExecution();
    }

    /**
     * 复查 (`004 §7.2.2`): sent back with a reason and a new due date, the rectification is open again: the station
     * marks it done again, the archive waits, and the new due date is checked (late if still open then).
     */
    @Test
    void recheckBySupervision_sentBackReopensWithANewDueDate() {
        LocalDate newDue = LocalDate.of(2026, 12, 8);
        RecheckRectificationCommand sendBack = new RecheckRectificationCommand(ID, false, "培训记录不全", newDue);
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .when(sendBack, java.util.Map.of("actorId", "county-supervisor"))
                .expectEvents(new RectificationSentBackEvent(ID, "county-supervisor", "培训记录不全", TODAY, newDue))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 12, 9), 0), Delegation.RECTIFICATION_DUE);
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE, sendBack)
                .when(ARCHIVE).expectException(refusedBy("rectification-closed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE, sendBack)
                .when(DONE).expectEvents(new RectificationAwaitingRecheckEvent(ID, "对代办员开展培训", TODAY, true));
        // Still open after the first due date (1 Dec) is not flagged then: only the new one (8 Dec) counts.
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE, sendBack)
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 10), 1))
                .expectEvents(new RectificationOverdueEvent(ID, newDue));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .when(new RecheckRectificationCommand(ID, false, "不合格", LocalDate.of(2026, 11, 20)))
                .expectException(refusedBy("due-date-not-past")).expectNoEvents();
    }

    /** Awaiting the re-check on its due date, the rectification is not flagged late: the station did its part. */
    @Test
    void rectificationAwaitingRecheck_isNotFlaggedLate() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL, DONE)
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 1))
                .expectNoEvents();
    }

    /** A completion recorded before re-checks existed (old event shape) still reads as closed: the archive goes. */
    @Test
    void rectificationCompletedBeforeRechecksExisted_readsAsClosed() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR, CALL)
                .andGiven(new RectificationCompletedEvent(ID, "加强培训", TODAY, true))
                .when(ARCHIVE).expectSuccessfulHandlerExecution();
    }

    @Test
    void lateRectificationIsFlagged() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 1))
                .expectEvents(new RectificationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void theDueCheckOfAVoidedRectificationDoesNotFlagTheNextOneTwice() {
        // Poor, voided, poor again the same day: both rectifications are due Tue 1 Dec; only the open one counts.
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new VoidEvaluationCommand(ID, "经申诉复核，系误操作"), POOR)
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 1))
                .expectEvents(new RectificationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }
}

package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

/**
 * After completion ({@link Aftercare}): delivery, the client's evaluation, a rectification after a poor grade, and
 * the archive, in that order.
 */
class AftercareTest extends DelegationFixtureSupport {

    @Test
    void completionDeliveryEvaluationAndArchiveHappenInThatOrder() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(POST).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(SATISFIED).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(ARCHIVE).expectException(refusedBy("evaluation-before-archive")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(ARCHIVE).expectEvents(new DelegationArchivedEvent(ID, "DA-2026-0001",
                        List.of("受理单", "一次性告知单", "办结单"), TODAY));
    }

    @Test
    void postingIsFreeToTheClientAndTheClientIsInvitedToEvaluate() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(POST)
                .expectEvents(new ResultDeliveredEvent(ID, DeliveryMethod.POST, "EMS1234567890", "邮政签收回执", false,
                        true, TODAY, TODAY))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 28), 0), Delegation.EVALUATION_REMINDER);
    }

    @Test
    void clientIsRemindedOnceWhenNoGradeArrivesWithinThreeDays() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .whenTimeElapses(Duration.ofDays(5))
                .expectEvents(new EvaluationReminderSentEvent(ID, TODAY));
    }

    @Test
    void oneEvaluationPerMatter() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(SATISFIED).expectException(refusedBy("one-evaluation-per-matter")).expectNoEvents();
    }

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

    @Test
    void voidedGradeStaysInTheHistoryAndTheClientMayEvaluateAgain() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new VoidEvaluationCommand(ID, "经申诉复核，系误操作"))
                .when(SATISFIED)
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationEvaluatedEvent) event).evaluationNumber() == 2)), andNoMore()));
    }

    @Test
    void nothingHappensToAnArchivedDelegation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(new VoidEvaluationCommand(ID, "复核"))
                .expectException(refusedBy("not-archived")).expectNoEvents();
    }

    @Test
    void deliveryRulesAreCheckedOnTheInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new DeliverResultCommand(ID, DeliveryMethod.POST, null, "回执", false)).hasMessageContaining("trackingNumber");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new DeliverResultCommand(ID, DeliveryMethod.ELECTRONIC_LICENCE, null, "短信", false))
                .hasMessageContaining("licenceInstructionsGiven");
        assertThat(new DeliverResultCommand(ID, DeliveryMethod.ELECTRONIC_LICENCE, null, "短信", true).method())
                .isEqualTo(DeliveryMethod.ELECTRONIC_LICENCE);
    }
    /**
     * 002 帮办·办结 (因其他原因终止后 … 移交全部资料 … 签字确认) and 002 资料归档: a withdrawn matter hands every material back,
     * signed for by the client, and is then archived; without the handover the archive is refused by name.
     */
    @Test
    void materialsHandedBack_002_banjie_anEndedMatterIsArchivedAfterTheSignedHandover() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), WITHDRAW)
                .when(ARCHIVE).expectException(refusedBy("materials-handed-back")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), WITHDRAW)
                .when(HAND_BACK).expectEvents(HANDED_BACK);
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), WITHDRAW, HAND_BACK)
                .when(ARCHIVE).expectEvents(new DelegationArchivedEvent(ID, "DA-2026-0001",
                        List.of("受理单", "一次性告知单", "办结单"), TODAY));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), WITHDRAW, HAND_BACK)
                .when(HAND_BACK).expectException(refusedBy("materials-handed-back")).expectNoEvents();
    }

    /** 002 代办·办结 (交接证明): a matter declined at intake is archived too, once its materials are handed back. */
    @Test
    void materialsHandedBack_002_daiban_banjie_aDeclinedMatterTooAndTheClientSigns() {
        fixture().givenCurrentTime(NOW).andGivenCommands(DECLINE)
                .when(new HandBackMaterialsCommand(ID, List.of("户口簿原件"), false, null))
                .expectException(refusedBy("handover-signed", "signedByClient")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(DECLINE, HAND_BACK)
                .when(ARCHIVE).expectEvents(new DelegationArchivedEvent(ID, "DA-2026-0001",
                        List.of("受理单", "一次性告知单", "办结单"), TODAY));
    }

    /** 002 代办·办结: a matter still open, or one with a result, is not handed back as an ended one. */
    @Test
    void matterEnded_002_banjie_onlyAnEndedMatterHandsItsMaterialsBack() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(HAND_BACK).expectException(refusedBy("matter-ended")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(HAND_BACK).expectException(refusedBy("matter-ended")).expectNoEvents();
    }

    // ----------------------------------------------------------------- the client's own grade, staff entries

    /** 一事一评 by the client (`003 三(二)3`, 国办发〔2019〕51号): through the invitation, channel CLIENT, no staff entry. */
    @Test
    void clientGrade_theClientGradesThroughTheInvitationWithChannelClient() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new GradeByInvitationCommand(ID, SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED,
                        SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED, "很方便"),
                        java.util.Map.of("actorId", "client"))
                .expectEvents(new DelegationEvaluatedEvent(ID, 1, SatisfactionGrade.VERY_SATISFIED,
                        SatisfactionGrade.SATISFIED, SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED,
                        EvaluationChannel.CLIENT, "很方便", TODAY, null));
    }

    /** 一事一评 (`003 三(二)3`): once the client graded, neither they nor staff grade the matter again. */
    @Test
    void clientGrade_onceForTheMatter() {
        GradeByInvitationCommand grade = new GradeByInvitationCommand(ID, SatisfactionGrade.SATISFIED,
                SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED, null);
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, grade)
                .when(SATISFIED).expectException(refusedBy("one-evaluation-per-matter")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(grade).expectException(refusedBy("one-evaluation-per-matter")).expectNoEvents();
    }

    /** The client's channel is theirs alone (`003 三(二)3`): staff cannot type a grade in as CLIENT. */
    @Test
    void clientGradesByInvitation_staffCannotRecordTheClientChannel() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new EvaluateDelegationCommand(ID, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
                        SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED, EvaluationChannel.CLIENT, null))
                .expectException(refusedBy("client-grades-by-invitation")).expectNoEvents();
    }

    /** Staff-entered grades (device, paper form, phone follow-up `004 §7.1.3`) record the channel and who entered it. */
    @Test
    void staffEnteredGrade_recordsTheChannelAndWhoEnteredIt() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new EvaluateDelegationCommand(ID, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
                        SatisfactionGrade.BASICALLY_SATISFIED, SatisfactionGrade.SATISFIED, EvaluationChannel.PAPER,
                        "纸质评价表录入"), java.util.Map.of("actorId", "village-agent"))
                .expectEvents(new DelegationEvaluatedEvent(ID, 1, SatisfactionGrade.SATISFIED,
                        SatisfactionGrade.SATISFIED, SatisfactionGrade.BASICALLY_SATISFIED, SatisfactionGrade.SATISFIED,
                        EvaluationChannel.PAPER, "纸质评价表录入", TODAY, "village-agent"));
    }

    /** 电话回访 (`004 §7.1.3`): a record of its own, after delivery: who called, when, reached or not, what was said. */
    @Test
    void phoneFollowUp_isARecordOfItsOwnOnceDelivered() {
        RecordPhoneFollowUpCommand call = new RecordPhoneFollowUpCommand(ID, null, false, "无人接听");
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(call).expectException(refusedBy("follow-up-after-delivery")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(call, java.util.Map.of("actorId", "village-agent"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 1, "village-agent", NOW, false, "无人接听", null, false));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new RecordPhoneFollowUpCommand(ID, NOW.plus(Duration.ofDays(1)), true, "明天再打"))
                .expectException(refusedBy("follow-up-after-delivery")).expectNoEvents();
    }

    /** 电话回访 (`004 §7.1.3`) also after an evaluation exists; a call following a poor grade is marked so. */
    @Test
    void phoneFollowUp_afterAPoorGradeIsCountedAsSuch() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new RecordPhoneFollowUpCommand(ID, NOW.minus(Duration.ofHours(1)), false, "未接通"))
                .when(new RecordPhoneFollowUpCommand(ID, NOW, true, "了解到等待时间长"),
                        java.util.Map.of("actorId", "village-manager"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 2, "village-manager", NOW, true, "了解到等待时间长", 1,
                        true));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(new RecordPhoneFollowUpCommand(ID, NOW, true, "满意"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 1, null, NOW, true, "满意", 1, false));
    }

    /**
     * 跟踪服务 (`002 一站式办理`: 办理完结后…提供跟踪服务): a follow-up contact (who, when, channel, what) on a completed
     * or delivered matter, until it is archived; not before completion, not after the archive, not dated ahead.
     */
    @Test
    void followUpUntilArchived_fromCompletionUntilTheArchive() {
        RecordFollowUpContactCommand contact = new RecordFollowUpContactCommand(ID, null, ProgressChannel.SMS,
                "提醒领取证照及办理后续事项");
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(contact).expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(contact, java.util.Map.of("actorId", "village-agent"))
                .expectEvents(new FollowUpContactRecordedEvent(ID, 1, "village-agent", NOW, ProgressChannel.SMS,
                        "提醒领取证照及办理后续事项"));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, contact, POST)
                .when(new RecordFollowUpContactCommand(ID, NOW.minus(Duration.ofHours(2)), ProgressChannel.PHONE,
                        "告知结果已寄出"), java.util.Map.of("actorId", "village-manager"))
                .expectEvents(new FollowUpContactRecordedEvent(ID, 2, "village-manager",
                        NOW.minus(Duration.ofHours(2)), ProgressChannel.PHONE, "告知结果已寄出"));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(contact).expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(new RecordFollowUpContactCommand(ID, NOW.plus(Duration.ofDays(1)), ProgressChannel.PHONE, "明天"))
                .expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
    }
}

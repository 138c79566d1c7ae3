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
 * After completion ({@link Aftercare}): delivery, the client's evaluation, and the archive, in that order; an ended
 * matter's materials handed back before its archive. The rectification a poor grade opens is {@link RectificationTest},
 * the contacts after completion {@link FollowUpsTest}.
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

    @Test
    void onlyAValidEvaluationIsVoided() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new VoidEvaluationCommand(ID, "复核"))
                .expectException(refusedBy("evaluation-exists")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED,
                        new VoidEvaluationCommand(ID, "复核"))
                .when(new VoidEvaluationCommand(ID, "再次复核"))
                .expectException(refusedBy("evaluation-exists")).expectNoEvents();
    }

    static final DeliveryAttempt CALLED = new DeliveryAttempt(NOW.plusSeconds(600), ProgressChannel.PHONE, "两次拨打无人接听");
    static final HoldResultForCollectionCommand HOLD = new HoldResultForCollectionCommand(ID, List.of(CALLED),
            "村便民服务站档案柜");

    /** 留存待领: a result the client cannot be reached for is kept, and the matter archived without an evaluation. */
    @Test
    void aResultThatCannotBeHandedOverIsKeptForCollectionAndTheMatterArchivedWithoutAnEvaluation() {
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(HOLD)
                .expectEvents(new ResultHeldForCollectionEvent(ID, List.of(CALLED), "村便民服务站档案柜", TODAY));
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE, HOLD)
                .when(ARCHIVE).expectEvents(new DelegationArchivedEvent(ID, "DA-2026-0001",
                        List.of("受理单", "一次性告知单", "办结单"), TODAY));
    }

    /** The client comes after all: the delivery is recorded as any other, and the evaluation comes before the archive. */
    @Test
    void aResultKeptForCollectionIsStillDeliveredWhenTheClientComes() {
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE, HOLD)
                .when(POST)
                .expectEvents(new ResultDeliveredEvent(ID, DeliveryMethod.POST, "EMS1234567890", "邮政签收回执", false,
                        true, TODAY, TODAY));
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE, HOLD, POST)
                .when(ARCHIVE).expectException(refusedBy("evaluation-before-archive")).expectNoEvents();
    }

    @Test
    void aResultIsKeptForCollectionOnceOnlyAfterCompletionAndBeforeDelivery() {
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION))
                .when(HOLD).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(HOLD).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE, HOLD)
                .when(HOLD).expectException(refusedBy("result-held-once")).expectNoEvents();
    }

    /** Each try is dated from the day of completion to now: not before the result existed, not ahead. */
    @Test
    void theTriesToDeliverAreDatedFromTheDayOfCompletionToNow() {
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(new HoldResultForCollectionCommand(ID, List.of(new DeliveryAttempt(NOW.minus(Duration.ofDays(1)),
                        ProgressChannel.PHONE, "无人接听")), "档案柜"))
                .expectException(refusedBy("result-held-after-attempts")).expectNoEvents();
        fixture().givenCurrentTime(NOW.plusSeconds(3600)).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(new HoldResultForCollectionCommand(ID, List.of(new DeliveryAttempt(NOW.plus(Duration.ofDays(1)),
                        ProgressChannel.SMS, "短信未回复")), "档案柜"))
                .expectException(refusedBy("result-held-after-attempts")).expectNoEvents();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HoldResultForCollectionCommand(ID, List.of(), "档案柜"))
                .hasMessageContaining("attempts");
    }
}

package cn.daiban.command.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Materials at the counter: the pre-check at commissioning (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`,
 * `001 §6.2.1`), tolerated gaps as part of it (容缺, `000 §7.2.1 d`), and materials completed on the spot
 * (当场补正, `000 §6.3.3`, `004 §6.3.3.2.2`). The pension item lists 居民身份证 (essential) and 户口簿 (not).
 */
class MaterialsAtTheCounterTest extends DelegationFixtureSupport {

    static final MaterialCheck ID_CARD_IN = new MaterialCheck("居民身份证", MaterialCheckStatus.RECEIVED, null);
    static final MaterialCheck HOUSEHOLD_IN = new MaterialCheck("户口簿", MaterialCheckStatus.RECEIVED, null);
    static final MaterialCheck HOUSEHOLD_ON_SPOT = new MaterialCheck("户口簿", MaterialCheckStatus.COMPLETED_ON_SPOT, null);
    static final LocalDate COMMITTED = TODAY.plusDays(3);
    static final MaterialCheck HOUSEHOLD_TOLERATED = new MaterialCheck("户口簿", MaterialCheckStatus.TOLERATED, COMMITTED);

    /** 004 §6.3.4.2.1 / 002 代办·委托: a proxy with an essential material missing is not taken; the answer is the notice. */
    @Test
    void materialsComplete_proxyWithAnEssentialMaterialMissingIsRefusedWithTheOneTimeNotice() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").materials(HOUSEHOLD_IN).build())
                .expectException(refusedBy("materials-complete", "materials"))
                .expectExceptionMessage(allOf(containsString("居民身份证（本人携带）"),
                        containsString("/api/consultations/{id}/documents/one-time-notice")))
                .expectNoEvents();
    }

    /** 001 §6.2.1 材料齐全: a non-essential gap is tolerated only with a committed date (000 §7.2.1 d), never just missing. */
    @Test
    void materialsComplete_proxyWithANonEssentialMaterialMissingNeedsItToleratedWithADate() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").materials(ID_CARD_IN).build())
                .expectException(refusedBy("materials-complete", "materials"))
                .expectExceptionMessage(containsString("户口簿（本人携带）"))
                .expectNoEvents();
    }

    /** 004 §6.3.4.2.1: the checklist is recorded, every material of the item with how it stood. */
    @Test
    void preCheck_checklistIsRecordedAndItsToleratedLinesAreTheToleratedGaps() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").notes(List.of("请保持电话畅通"))
                        .materials(HOUSEHOLD_TOLERATED, ID_CARD_IN).build())
                .expectEvents(commissioned().toleratedGaps(new ToleratedGap("户口簿", COMMITTED))
                        .materials(ID_CARD_IN, HOUSEHOLD_TOLERATED).build())
                .expectScheduledDeadlineWithName(at(COMMITTED.plusDays(1), 0), Delegation.TOLERATED_DUE);
    }

    /** 000 §7.2.1 d: one record of 容缺, not two: gaps that contradict the checklist are refused before anything. */
    @Test
    void toleratedGaps_checklistAndGapsAreOneRecord() {
        assertThatThrownBy(() -> commissioning().toleratedGaps(new ToleratedGap("户口簿", COMMITTED.plusDays(1)))
                .materials(ID_CARD_IN, HOUSEHOLD_TOLERATED).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("toleratedGaps");
    }

    /** 004 §6.3.3.2.2: an assist goes ahead with materials missing; the checklist says which (the supplement lists them). */
    @Test
    void preCheck_assistMayGoAheadWithAMaterialMissing() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().materials(HOUSEHOLD_ON_SPOT).build())
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationCommissionedEvent commissioned
                                && commissioned.materials().equals(List.of(
                                new MaterialCheck("居民身份证", MaterialCheckStatus.MISSING, null), HOUSEHOLD_ON_SPOT))))));
    }

    /** 002 代办·委托: the pre-check is against the item's own list. */
    @Test
    void checklistMaterialListed_aLineNamingNoMaterialOfTheItemIsRefused() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().materials(ID_CARD_IN, new MaterialCheck("营业执照", MaterialCheckStatus.RECEIVED, null))
                        .build())
                .expectException(refusedBy("checklist-material-listed", "materials")).expectNoEvents();
    }

    /** 000 §7.2.1 d: only a non-essential material may be tolerated, and not to a date already past. */
    @Test
    void toleratedMaterialNonEssential_checklistMayNotTolerateAnEssentialMaterial() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().materials(new MaterialCheck("居民身份证", MaterialCheckStatus.TOLERATED, COMMITTED))
                        .build())
                .expectException(refusedBy("tolerated-material-non-essential", "materials")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().materials(ID_CARD_IN,
                        new MaterialCheck("户口簿", MaterialCheckStatus.TOLERATED, TODAY.minusDays(1))).build())
                .expectException(refusedBy("committed-date-not-past", "materials")).expectNoEvents();
    }

    /** 000 §6.3.3 当场补正: completed at the counter, recorded as such; no wait opened, no clock check scheduled. */
    @Test
    void onTheSpot_materialsCompletedAtTheCounterOpenNoWaitAndStopNoClock() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new CompleteMaterialsOnSpotCommand(ID, List.of("户口簿")))
                .expectEvents(new MaterialsCompletedOnSpotEvent(ID, List.of("户口簿"), TODAY))
                .expectNoScheduledDeadlines();
        // Still handling (not waiting for materials): a supplement could be requested, and the matter completes.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(),
                        new MaterialsCompletedOnSpotEvent(ID, List.of("户口簿"), TODAY))
                .when(COMPLETE)
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationCompletedEvent completed && completed.onTime()
                                && completed.deadline().equals(LocalDate.of(2026, 12, 1))))));
    }

    /** 000 §6.3.3 with 000 §7.2.1 d: a tolerated material completed at the counter is in. */
    @Test
    void onTheSpot_aToleratedMaterialCompletedAtTheCounterIsIn() {
        CommissionDelegationCommand tolerated = commissioning().materials(ID_CARD_IN, HOUSEHOLD_TOLERATED).build();
        fixture().givenCurrentTime(NOW).andGivenCommands(tolerated)
                .when(COMPLETE)
                .expectException(refusedBy("tolerated-materials-in")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(tolerated, new CompleteMaterialsOnSpotCommand(ID, List.of("户口簿")))
                .when(COMPLETE)
                .expectSuccessfulHandlerExecution();
    }

    /** 004 §6.3.3.2.2: only the item's materials are completed on the spot. */
    @Test
    void checklistMaterialListed_onlyTheItemsMaterialsAreCompletedOnTheSpot() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new CompleteMaterialsOnSpotCommand(ID, List.of("营业执照")))
                .expectException(refusedBy("checklist-material-listed", "materialNames")).expectNoEvents();
    }

    /** 000 §6.3.3: while a supplement is awaited, materials that arrive are its receipt, not an on-the-spot fix. */
    @Test
    void delegationStatus_onTheSpotIsForAMatterInHand() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(),
                        new SupplementRequestedEvent(ID, 1, MISSING, TODAY, TODAY.plusDays(2), null, false))
                .when(new CompleteMaterialsOnSpotCommand(ID, List.of("户口簿")))
                .expectException(refusedBy("delegation-status")).expectNoEvents();
    }
}

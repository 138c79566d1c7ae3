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
 * How handling ends ({@link Completion}): completed once nothing the matter waits for is outstanding, with the
 * working days it took less those the clock stood still; or withdrawn by the client, after which nothing happens.
 */
class CompletionTest extends DelegationFixtureSupport {

    /** 办结: the handling time counts the working days since commissioning, less those the clock stood still. */
    @Test
    void completionCountsTheWorkingDaysHandledLessThoseTheClockStoodStill() {
        // Commissioned Tue 24 Nov, due Tue 1 Dec; suspended that day and resumed Thu 26 Nov (2 working days), so
        // due Thu 3 Dec. Completed Fri 4 Dec: 8 working days since the 24th, less 2 → 6, one day late.
        fixture().givenCurrentTime(NOW)
                .andGiven(pensionProxyCommissioned(),
                        new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, null, TODAY,
                                LocalDate.of(2026, 12, 24)),
                        new DelegationResumedEvent(ID, LocalDate.of(2026, 11, 26), 2, LocalDate.of(2026, 12, 1),
                                LocalDate.of(2026, 12, 3)))
                .andGivenCurrentTime(at(LocalDate.of(2026, 12, 4), 10))
                .when(COMPLETE)
                .expectEvents(new DelegationCompletedEvent(ID, true, "参保登记号 1405210001", null,
                        LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 3), false, 6));
    }

    @Test
    void clientWithdrawsAnOpenMatterWhichEndsIt() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(WITHDRAW)
                .expectEvents(new DelegationTerminatedEvent(ID, TerminationReason.CLIENT_WITHDREW, "申请人撤回", TODAY));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(WITHDRAW).expectException(refusedBy("delegation-open")).expectNoEvents();
    }

    @Test
    void nothingHappensToATerminatedDelegation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), new WithdrawDelegationCommand(ID, "申请人撤回"))
                .when(new ReportProgressCommand(ID, "材料已提交", ProgressChannel.PHONE, null))
                .expectException(refusedBy("delegation-open")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), new WithdrawDelegationCommand(ID, "申请人撤回"))
                .when(COMPLETE).expectException(refusedBy("delegation-status")).expectNoEvents();
    }

    @Test
    void parallelMatterCompletesOnlyWhenEveryDepartmentIsDone() {
        CommissionDelegationCommand parallel = commissioning().parallelDepartments("人社", "医保").build();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(parallel, new RecordParallelTaskCompletedCommand(ID, "人社", true, null))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectException(refusedBy("parallel-tasks-done")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(parallel, new RecordParallelTaskCompletedCommand(ID, "人社", true, null),
                        new RecordParallelTaskCompletedCommand(ID, "医保", true, null))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void matterOutsideAuthorityCompletesOnlyWithAnApprovalReturnedFromAbove() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectException(refusedBy("authority", "successful")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                        new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                        new ReturnResultCommand(ID, 1),
                        new NotifyStatutoryFeeCommand(ID, "不动产登记费"),
                        new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-2026-000123"))
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCompletedEvent) event).onTime())), andNoMore()));
    }

    /** 000 §4.5: a statutory fee told to the client is paid before the matter completes successfully. */
    @Test
    void feesPaid_aSuccessfulCompletionWaitsForEveryNotifiedFee() {
        List<Object> escalatedAndBackWithAFeeTold = List.of(realEstateProxy(),
                new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                new ReturnResultCommand(ID, 1),
                new NotifyStatutoryFeeCommand(ID, "不动产登记费"));
        fixture().givenCurrentTime(NOW).andGivenCommands(escalatedAndBackWithAFeeTold)
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectException(refusedBy("fees-paid")).expectNoEvents();
        // A failed completion does not wait for the fee: nothing is delivered that it would be paid for.
        fixture().givenCurrentTime(NOW).andGivenCommands(escalatedAndBackWithAFeeTold)
                .when(new CompleteDelegationCommand(ID, false, null, "申请人不符合登记条件"))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        !((DelegationCompletedEvent) event).successful())), andNoMore()));
    }

    /**
     * 000 §6.3.5 (对…依法缴纳的费用，应明确告知): every statutory fee of the item is told and paid, or recorded as not
     * due (依法减免), before the matter completes successfully; a fee never told was let through before.
     */
    @Test
    void feesPaid_aSuccessfulCompletionWaitsForEveryFeeOfTheItemToldAndPaidOrExempted() {
        List<Object> escalatedAndBack = List.of(realEstateProxy(),
                new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                new ReturnResultCommand(ID, 1));
        fixture().givenCurrentTime(NOW).andGivenCommands(escalatedAndBack)
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectException(refusedBy("fees-paid"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("不动产登记费")).expectNoEvents();
        List<Object> exempted = new java.util.ArrayList<>(escalatedAndBack);
        exempted.add(new RecordFeeExemptionCommand(ID, "不动产登记费", "小微企业免征不动产登记费"));
        fixture().givenCurrentTime(NOW).andGivenCommands(exempted)
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCompletedEvent) event).successful())), andNoMore()));
    }
}

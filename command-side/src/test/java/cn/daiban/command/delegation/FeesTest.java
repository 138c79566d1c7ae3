package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * Statutory fees ({@link StatutoryFees}): the service itself is free; a statutory fee is told before it is paid,
 * at its amount.
 */
class FeesTest extends DelegationFixtureSupport {

    @Test
    void onlyStatutoryFeesOfTheItemCanBeRecordedTheServiceIsFree() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new NotifyStatutoryFeeCommand(ID, "代办服务费"))
                .expectException(refusedBy("service-is-free", "feeName")).expectNoEvents();
    }

    @Test
    void feeIsToldBeforeItIsPaidAndThePaymentNeedsTheStatutoryAmount() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .expectException(refusedBy("fee-told-before-paid", "feeName")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), new NotifyStatutoryFeeCommand(ID, "不动产登记费"))
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 9000, "FP-1"))
                .expectException(refusedBy("statutory-amount", "amountFen")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), new NotifyStatutoryFeeCommand(ID, "不动产登记费"))
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .expectEvents(new StatutoryFeePaidEvent(ID, "不动产登记费", 8000, "发改价格规〔2016〕2559号",
                        "沁水县不动产登记中心", "FP-1"));
    }

    /**
     * 依法减免: a fee that does not apply to this client is recorded with its ground, in place of a payment; once, and
     * not once paid; a paid-for fee is not exempted, an exempted one not paid; only a fee of the item.
     */
    @Test
    void aFeeThatDoesNotApplyIsRecordedAsExemptOnceInPlaceOfAPayment() {
        NotifyStatutoryFeeCommand notify = new NotifyStatutoryFeeCommand(ID, "不动产登记费");
        RecordFeeExemptionCommand exempt = new RecordFeeExemptionCommand(ID, "不动产登记费", "小微企业免征不动产登记费");
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(exempt)
                .expectEvents(new StatutoryFeeExemptedEvent(ID, "不动产登记费", "小微企业免征不动产登记费"));
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), exempt)
                .when(exempt).expectException(refusedBy("fee-settled-once")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), notify, exempt)
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .expectException(refusedBy("fee-settled-once")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), notify,
                        new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .when(exempt).expectException(refusedBy("fee-settled-once")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new RecordFeeExemptionCommand(ID, "代办服务费", "免"))
                .expectException(refusedBy("service-is-free", "feeName")).expectNoEvents();
        // Told, then exempted: a suspension for the unpaid fee is no longer open to the agent.
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), notify, exempt)
                .when(new SuspendDelegationCommand(ID, SuspensionReason.FEES_UNPAID, null))
                .expectException(refusedBy("fee-outstanding", "reason")).expectNoEvents();
    }

    @Test
    void aFeeIsToldOnceAndPaidOnce() {
        NotifyStatutoryFeeCommand notify = new NotifyStatutoryFeeCommand(ID, "不动产登记费");
        RecordFeePaymentCommand pay = new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1");
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), notify)
                .when(notify).expectException(refusedBy("fee-notified-once")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), notify, pay)
                .when(pay).expectException(refusedBy("fee-paid-once")).expectNoEvents();
    }
}

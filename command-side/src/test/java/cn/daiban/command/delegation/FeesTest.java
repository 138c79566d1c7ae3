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

package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * A year not loaded yet (`DOMAIN.md` "Time"): the fixture's calendar holds 2026 only, so a promised date that
 * reaches into 2027 is computed on weekends alone and marked provisional, instead of refusing the matter.
 */
class ProvisionalDeadlineTest extends DelegationFixtureSupport {

    @Test
    void provisionalDeadlineBeyondTheLoadedYears() {
        // Tue 22 Dec 2026 + 10 working days: 23, 24, 25, 28, 29, 30, 31 Dec, then 2027 on weekends alone:
        // Fri 1 Jan (a holiday every year, but not loaded: provisional), Mon 4, Tue 5 Jan.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 22), 10))
                .when(realEstateProxy())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(event ->
                        event instanceof DelegationCommissionedEvent commissioned
                                && commissioned.deadline().equals(LocalDate.of(2027, 1, 5))
                                && commissioned.isDeadlineProvisional()), andNoMore())));
    }

    @Test
    void aDeadlineOnTheLoadedYearsIsNotProvisional() {
        fixture().givenCurrentTime(NOW)
                .when(proxy(PENSION))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(event ->
                        event instanceof DelegationCommissionedEvent commissioned
                                && commissioned.deadline().equals(LocalDate.of(2026, 12, 1))
                                && commissioned.deadlineProvisional() == null), andNoMore())));
    }
}

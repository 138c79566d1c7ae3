package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A provisional promised date computed again once the calendar year it reached into was loaded, by the system
 * (`DOMAIN.md` "Time"): the same arithmetic as at commissioning, plus the working days the clock stood still so far.
 * {@code stillProvisional}: the new date still reaches into a year not loaded (only when it lies two years ahead);
 * {@code moved}: the date is not the one the client was given, so the client is told.
 */
@Revision("1")
public record ProvisionalDeadlineRecomputedEvent(DelegationId delegationId, LocalDate previousDeadline,
                                                 LocalDate newDeadline, boolean stillProvisional, boolean moved) {
}

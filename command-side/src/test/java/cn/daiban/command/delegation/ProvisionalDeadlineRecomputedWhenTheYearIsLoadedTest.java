package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DelegationSuspendedEvent;
import cn.daiban.kernel.delegation.ProvisionalDeadlineRecomputedEvent;
import cn.daiban.kernel.delegation.RecomputeProvisionalDeadlineCommand;
import cn.daiban.kernel.delegation.ResumeDelegationCommand;
import cn.daiban.kernel.delegation.SuspensionReason;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.TerminationReason;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * A year not loaded yet (`DOMAIN.md` "Time"): a promised date computed on weekends alone is recomputed when that
 * year's calendar is loaded, by the system, with the same arithmetic as at commissioning plus the working days the
 * clock stood still; the mark goes whether or not the date moved. Commissioned Tue 22 Dec 2026 with 10 working
 * days: provisionally Tue 5 Jan 2027 (Fri 1 Jan counted as a working day, not known yet to be a holiday).
 */
class ProvisionalDeadlineRecomputedWhenTheYearIsLoadedTest extends DelegationFixtureSupport {

    private static final LocalDate DEC_22 = LocalDate.of(2026, 12, 22);
    private static final LocalDate JAN_5 = LocalDate.of(2027, 1, 5);
    private static final RecomputeProvisionalDeadlineCommand RECOMPUTE = new RecomputeProvisionalDeadlineCommand(ID);

    private static DelegationCommissionedEvent provisionallyCommissioned() {
        return commissioned().on(DEC_22, 10, JAN_5).provisional().build();
    }

    @Test
    void aProvisionalDateMovesWhenTheLoadedYearHasAHolidayInIt() {
        // 2027 loaded with New Year's Day off: 23, 24, 25, 28, 29, 30, 31 Dec, Mon 4, Tue 5, Wed 6 Jan.
        calendars = () -> TestCalendar.years2026And2027(true);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9)).andGiven(provisionallyCommissioned())
                .when(RECOMPUTE)
                .expectEvents(new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, LocalDate.of(2027, 1, 6), false, true))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2027, 1, 7), 0), Delegation.OVERDUE);
    }

    @Test
    void aProvisionalDateThatDoesNotMoveLosesItsMarkAllTheSame() {
        calendars = () -> TestCalendar.years2026And2027(false);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9)).andGiven(provisionallyCommissioned())
                .when(RECOMPUTE)
                .expectEvents(new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, JAN_5, false, false));
    }

    @Test
    void aDateAlreadyFinalIgnoresTheCommand() {
        calendars = () -> TestCalendar.years2026And2027(true);
        // Recomputed once already: sent again (a redelivered calendar event), nothing happens.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9))
                .andGiven(provisionallyCommissioned(),
                        new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, LocalDate.of(2027, 1, 6), false, true))
                .when(RECOMPUTE)
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // Ended before the year was loaded: nothing to tell.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9))
                .andGiven(provisionallyCommissioned(), new DelegationTerminatedEvent(ID,
                        TerminationReason.CLIENT_WITHDREW, "申请人撤回", LocalDate.of(2026, 12, 23)))
                .when(RECOMPUTE)
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // Never provisional: nothing to recompute.
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(RECOMPUTE)
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aYearLoadedThatTheDateDoesNotReachIntoChangesNothing() {
        // Still 2026 only: the date stays provisional where it was; there is nothing to record.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9)).andGiven(provisionallyCommissioned())
                .when(RECOMPUTE)
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aPausedMatterCountsTheWorkingDaysItStoodStill() {
        // Suspended Wed 23 Dec, resumed Mon 28 Dec: 3 working days (24, 25, 28); provisionally Jan 5 + 3 = Fri 8 Jan.
        // Loaded: Dec 22 + 13 working days with New Year's Day off = Mon 11 Jan.
        calendars = () -> TestCalendar.years2026And2027(true);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 29), 9))
                .andGiven(provisionallyCommissioned(),
                        new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, null,
                                LocalDate.of(2026, 12, 23), LocalDate.of(2027, 1, 22)),
                        new DelegationResumedEvent(ID, LocalDate.of(2026, 12, 28), 3, JAN_5, LocalDate.of(2027, 1, 8)))
                .when(RECOMPUTE)
                .expectEvents(new ProvisionalDeadlineRecomputedEvent(ID, LocalDate.of(2027, 1, 8),
                        LocalDate.of(2027, 1, 11), false, true));
    }

    /**
     * A firm date that a pause moves into a year not loaded becomes provisional, and is recomputed when the year is
     * loaded (before, the mark was set only at commissioning: such a date was recomputed never, its checks and the
     * views keeping a January day computed as if 元旦 were a working day). Commissioned Tue 15 Dec with 10 working
     * days: Tue 29 Dec, firm. Suspended Wed 16 Dec, resumed Wed 23 Dec: 5 working days (17, 18, 21, 22, 23), so Tue 5
     * Jan 2027 counting Fri 1 Jan; with 2027 loaded, New Year's Day off: Dec 15 + 15 working days = Wed 6 Jan.
     */
    @Test
    void aFirmDateAPauseMovesIntoAYearNotLoadedBecomesProvisionalAndIsRecomputed() {
        DelegationCommissionedEvent firm = commissioned().on(LocalDate.of(2026, 12, 15), 10, LocalDate.of(2026, 12, 29))
                .build();
        DelegationSuspendedEvent suspended = new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, null,
                LocalDate.of(2026, 12, 16), LocalDate.of(2027, 1, 15));
        DelegationResumedEvent resumed = new DelegationResumedEvent(ID, LocalDate.of(2026, 12, 23), 5,
                LocalDate.of(2026, 12, 29), JAN_5, true);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 23), 9)).andGiven(firm, suspended)
                .when(new ResumeDelegationCommand(ID, null))
                .expectEvents(resumed);
        calendars = () -> TestCalendar.years2026And2027(true);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9)).andGiven(firm, suspended, resumed)
                .when(RECOMPUTE)
                .expectEvents(new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, LocalDate.of(2027, 1, 6), false, true));
    }

    @Test
    void aMatterSuspendedNowIsRecomputedAndItsPauseIsAddedOnResuming() {
        // Suspended Wed 23 Dec and still suspended when 2027 is loaded: recomputed to Wed 6 Jan (no pause counted
        // yet); resumed Mon 28 Dec, the 3 working days then move it to Mon 11 Jan, as a pause always does.
        calendars = () -> TestCalendar.years2026And2027(true);
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9))
                .andGiven(provisionallyCommissioned(),
                        new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, null,
                                LocalDate.of(2026, 12, 23), LocalDate.of(2027, 1, 22)),
                        new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, LocalDate.of(2027, 1, 6), false, true))
                .when(new ResumeDelegationCommand(ID, null))
                .expectEvents(new DelegationResumedEvent(ID, LocalDate.of(2026, 12, 28), 3, LocalDate.of(2027, 1, 6),
                        LocalDate.of(2027, 1, 11)));
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 28), 9))
                .andGiven(provisionallyCommissioned(),
                        new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, null,
                                LocalDate.of(2026, 12, 23), LocalDate.of(2027, 1, 22)))
                .when(RECOMPUTE)
                .expectEvents(new ProvisionalDeadlineRecomputedEvent(ID, JAN_5, LocalDate.of(2027, 1, 6), false, true));
    }
}

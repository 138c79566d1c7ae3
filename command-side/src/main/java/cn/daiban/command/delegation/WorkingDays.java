package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;

import java.time.LocalDate;
import java.util.function.Supplier;

import static cn.daiban.command.delegation.DelegationRules.CALENDAR_YEAR_NOT_LOADED;

/**
 * The working-day calendar as the delegation's time rules use it: a year after the loaded ones counts weekends only,
 * provisionally; a year before or between them refuses the command ({@code calendar-year-not-loaded}) rather than
 * failing it. (Counting backwards is
 * {@link WorkingDayCalendar#minusWorkingDays}; the centre's days stay on {@link Delegation}.)
 */
final class WorkingDays {

    private WorkingDays() {
    }

    /**
     * The calendar of the delegation's time rules: beyond the last loaded year it counts weekends only,
     * provisionally, so a long matter taken in December is not refused for want of next year's notice (the
     * promised date is marked provisional and recomputed when the year is loaded).
     */
    static WorkingDayCalendar calendar(CalendarProvider calendars) {
        return calendars.current().provisionalBeyondLoadedYears();
    }

    static <T> T onCalendar(Supplier<T> computation) {
        try {
            return computation.get();
        } catch (CalendarYearNotLoadedException e) {
            throw DomainRuleException.ruleViolated(CALENDAR_YEAR_NOT_LOADED, null, e.getMessage());
        }
    }

    static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}

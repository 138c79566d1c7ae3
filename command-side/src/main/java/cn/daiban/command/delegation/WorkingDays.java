package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;

import java.time.LocalDate;
import java.util.function.Supplier;

import static cn.daiban.command.delegation.DelegationRules.CALENDAR_YEAR_NOT_LOADED;

/**
 * The working-day calendar as the delegation's time rules use it: a year not loaded yet refuses the command
 * ({@code calendar-year-not-loaded}) rather than failing it. (Counting backwards is
 * {@link WorkingDayCalendar#minusWorkingDays}; the centre's days stay on {@link Delegation}.)
 */
final class WorkingDays {

    private WorkingDays() {
    }

    static WorkingDayCalendar calendar(CalendarProvider calendars) {
        return calendars.current();
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

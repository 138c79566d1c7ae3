package cn.daiban.kernel.calendar;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Load a year's holiday dates from the State Council's notice (an administrator's step, or the shipped data on first start). */
public record LoadCalendarYearCommand(int year, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice) {

    /** The calendar year's aggregate id, kept apart from every other kind of id. */
    @TargetAggregateIdentifier
    public String calendarId() {
        return CalendarYearData.aggregateId(year);
    }

    public LoadCalendarYearCommand {
        new CalendarYearData(year, holidays, adjustedWorkingDays, notice);
    }
}

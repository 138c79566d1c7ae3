package cn.daiban.kernel.calendar;

import cn.daiban.kernel.common.Require;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a loaded year (a later notice, a mistake in the data); deadlines already promised keep their date. */
public record ReviseCalendarYearCommand(int year, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice, String reason) {

    /** The calendar year's aggregate id, kept apart from every other kind of id. */
    @TargetAggregateIdentifier
    public String calendarId() {
        return CalendarYearData.aggregateId(year);
    }

    public ReviseCalendarYearCommand {
        new CalendarYearData(year, holidays, adjustedWorkingDays, notice);
        reason = Require.text(reason, "reason", 500);
    }
}

package cn.daiban.kernel.calendar;

import java.time.LocalDate;
import java.util.Set;

/** One year's public holidays and adjusted working weekends (调休上班). */
public record CalendarYearData(int year, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice) {

    public CalendarYearData {
        holidays = Set.copyOf(holidays);
        adjustedWorkingDays = Set.copyOf(adjustedWorkingDays);
    }
}

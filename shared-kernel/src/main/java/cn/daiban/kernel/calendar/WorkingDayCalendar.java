package cn.daiban.kernel.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Working days: weekends and public holidays off, adjusted working weekends on. */
public final class WorkingDayCalendar {

    private final Map<Integer, CalendarYearData> years;

    private WorkingDayCalendar(Map<Integer, CalendarYearData> years) {
        this.years = years;
    }

    public static WorkingDayCalendar of(Collection<CalendarYearData> years) {
        return new WorkingDayCalendar(years.stream().collect(Collectors.toMap(CalendarYearData::year,
                Function.identity())));
    }

    public boolean isWorkingDay(LocalDate date) {
        CalendarYearData year = years.get(date.getYear());
        if (year == null) {
            throw new CalendarYearNotLoadedException(date.getYear());
        }
        if (year.holidays().contains(date)) {
            return false;
        }
        if (year.adjustedWorkingDays().contains(date)) {
            return true;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        LocalDate day = start;
        int left = workingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    public int workingDaysBetween(LocalDate startExclusive, LocalDate endInclusive) {
        int count = 0;
        for (LocalDate day = startExclusive.plusDays(1); !day.isAfter(endInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    public Set<Integer> loadedYears() {
        return Set.copyOf(years.keySet());
    }
}

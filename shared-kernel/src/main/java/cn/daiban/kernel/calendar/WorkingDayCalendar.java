package cn.daiban.kernel.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Working days (`DOMAIN.md` "Time"): weekends and public holidays off, adjusted working weekends on, year by year
 * as loaded. A date in a year that is not loaded is never guessed: it throws {@link CalendarYearNotLoadedException}
 * naming the year.
 */
public final class WorkingDayCalendar {

    private final Map<Integer, CalendarYearData> years;
    /** Whether a year after the last loaded one counts weekends only (provisionally) instead of refusing. */
    private final boolean provisionalBeyond;

    private WorkingDayCalendar(Map<Integer, CalendarYearData> years, boolean provisionalBeyond) {
        this.years = years;
        this.provisionalBeyond = provisionalBeyond;
    }

    public static WorkingDayCalendar of(Collection<CalendarYearData> years) {
        return new WorkingDayCalendar(years.stream().collect(Collectors.toUnmodifiableMap(CalendarYearData::year,
                Function.identity())), false);
    }

    /**
     * The same calendar, except that a day in a year after the last loaded one is a working day when it is not a
     * weekend, <em>provisionally</em> (`DOMAIN.md` "Time": a promised date that reaches into a year whose notice is
     * not loaded yet is computed on weekends alone and marked provisional; see {@link #isProvisional}). A year
     * before or between loaded ones still refuses: it is a gap, not a year still to be published.
     */
    public WorkingDayCalendar provisionalBeyondLoadedYears() {
        return new WorkingDayCalendar(years, true);
    }

    /** Whether {@code date} lies in a year not loaded: a date computed through it is provisional. */
    public boolean isProvisional(LocalDate date) {
        return !years.containsKey(date.getYear());
    }

    public boolean isWorkingDay(LocalDate date) {
        CalendarYearData year = years.get(date.getYear());
        if (year == null) {
            if (provisionalBeyond && !years.isEmpty()
                    && date.getYear() > years.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow()) {
                return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
            }
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

    /**
     * The date of the {@code workingDays}-th working day after {@code start}; the start day itself never counts
     * (期限开始之日不计入). Zero returns {@code start}: settled on the spot.
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("workingDays must not be negative");
        }
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

    /**
     * The date of the {@code workingDays}-th working day before {@code date}; {@code date} itself never counts, so
     * one working day before a Monday is the Friday before it (if that is a working day). Zero (or less) returns
     * {@code date}: used to warn ahead of a deadline, and to keep days for a result to come back down before one.
     */
    public LocalDate minusWorkingDays(LocalDate date, int workingDays) {
        LocalDate day = date;
        int left = workingDays;
        while (left > 0) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /** The number of working days d with {@code startExclusive} &lt; d &lt;= {@code endInclusive} (0 if none). */
    public int workingDaysBetween(LocalDate startExclusive, LocalDate endInclusive) {
        int count = 0;
        for (LocalDate day = startExclusive.plusDays(1); !day.isAfter(endInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** Why a date is or is not a working day, in the words a service centre uses. */
    public String reason(LocalDate date) {
        CalendarYearData year = years.get(date.getYear());
        if (year == null) {
            throw new CalendarYearNotLoadedException(date.getYear());
        }
        if (year.holidays().contains(date)) {
            return "法定节假日";
        }
        if (year.adjustedWorkingDays().contains(date)) {
            return "调休上班";
        }
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY ? "周末" : "工作日";
    }

    public Set<Integer> loadedYears() {
        return years.keySet();
    }
}

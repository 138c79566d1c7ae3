package cn.daiban.kernel.calendar;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * One year's public holidays and adjusted working weekends (调休上班), as the State Council's notice for that year
 * publishes them.
 */
public record CalendarYearData(int year, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice) {

    /** The aggregate id of a year's calendar. */
    public static String aggregateId(int year) {
        return "calendar-" + year;
    }

    public CalendarYearData {
        Require.serviceYear(year, "year");
        holidays = Set.copyOf(Require.present(holidays, "holidays"));
        adjustedWorkingDays = Set.copyOf(Require.present(adjustedWorkingDays, "adjustedWorkingDays"));
        notice = Require.text(notice, "notice", 200);
        for (LocalDate day : holidays) {
            if (day.getYear() != year) {
                throw new InvalidValueException("holidays", day + " is not in " + year);
            }
            if (adjustedWorkingDays.contains(day)) {
                throw new InvalidValueException("holidays", day + " is listed as both a holiday and a working day");
            }
        }
        for (LocalDate day : adjustedWorkingDays) {
            if (day.getYear() != year) {
                throw new InvalidValueException("adjustedWorkingDays", day + " is not in " + year);
            }
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new InvalidValueException("adjustedWorkingDays",
                        day + " is a " + day.getDayOfWeek() + ": only a weekend day can be an adjusted working day");
            }
        }
    }
}

package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Supervision's limits in whole working days after a day (a transfer asked for, a result completed, a client last in
 * touch): what is allowed {@code n} working days is due on the {@code n}-th working day after that day, which itself
 * never counts, and late from the next working day on. Working days follow the loaded calendar; a day of a year not
 * loaded counts by weekends alone (a flag is a prompt to look, not a deadline set for the client).
 */
final class WorkingDayLimits {

    private WorkingDayLimits() {
    }

    static boolean workingDay(WorkingDayCalendar days, LocalDate day) {
        try {
            return days.isWorkingDay(day);
        } catch (CalendarYearNotLoadedException notLoaded) {
            return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        }
    }

    /** The working days after {@code day} up to {@code today}, counted up to {@code enough} (the count stops there). */
    static int passed(LocalDate day, LocalDate today, WorkingDayCalendar days, int enough) {
        int passed = 0;
        for (LocalDate next = day.plusDays(1); !next.isAfter(today) && passed < enough; next = next.plusDays(1)) {
            if (workingDay(days, next)) {
                passed++;
            }
        }
        return passed;
    }

    /** Whether what was allowed {@code allowed} working days after {@code day} is late on {@code today}. */
    static boolean late(LocalDate day, int allowed, LocalDate today, WorkingDayCalendar days) {
        return passed(day, today, days, allowed + 1) > allowed;
    }

    /** The day by which what was allowed {@code allowed} working days after {@code day} is due. */
    static LocalDate due(LocalDate day, int allowed, WorkingDayCalendar days) {
        LocalDate due = day;
        for (int left = allowed; left > 0; ) {
            due = due.plusDays(1);
            if (workingDay(days, due)) {
                left--;
            }
        }
        return due;
    }
}

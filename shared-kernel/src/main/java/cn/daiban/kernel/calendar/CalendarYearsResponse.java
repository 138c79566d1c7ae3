package cn.daiban.kernel.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

public record CalendarYearsResponse(List<Year> years) {

    /** One loaded year: its notice, revision, public holidays and adjusted working weekends. */
    public record Year(int year, int revision, String notice, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays) {
    }
}

package cn.daiban.command.delegation;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.WorkingDayCalendar;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The 2026 State Council holiday dates, for fixture tests (the application loads them from data). */
final class TestCalendar {

    private TestCalendar() {
    }

    static WorkingDayCalendar year2026() {
        return WorkingDayCalendar.of(List.of(year2026Data()));
    }

    private static CalendarYearData year2026Data() {
        Set<LocalDate> holidays = new HashSet<>();
        range(holidays, "2026-01-01", "2026-01-03");
        range(holidays, "2026-02-15", "2026-02-23");
        range(holidays, "2026-04-04", "2026-04-06");
        range(holidays, "2026-05-01", "2026-05-05");
        range(holidays, "2026-06-19", "2026-06-21");
        range(holidays, "2026-09-25", "2026-09-27");
        range(holidays, "2026-10-01", "2026-10-07");
        Set<LocalDate> working = Set.of(LocalDate.parse("2026-01-04"), LocalDate.parse("2026-02-14"),
                LocalDate.parse("2026-02-28"), LocalDate.parse("2026-05-09"), LocalDate.parse("2026-09-20"),
                LocalDate.parse("2026-10-10"));
        return new CalendarYearData(2026, holidays, working, "国务院办公厅通知（2025-11-04）");
    }

    /**
     * 2026 and 2027, the 2027 notice as a test assumes it (New Year's Day Fri 1 Jan 2027 a holiday; nothing else in
     * January). {@code newYearsDayOff} false: a 2027 notice with no holiday in early January.
     */
    static WorkingDayCalendar years2026And2027(boolean newYearsDayOff) {
        Set<LocalDate> holidays = new HashSet<>();
        if (newYearsDayOff) {
            holidays.add(LocalDate.of(2027, 1, 1));
        }
        range(holidays, "2027-10-01", "2027-10-07");
        return WorkingDayCalendar.of(List.of(year2026Data(),
                new CalendarYearData(2027, holidays, Set.of(), "测试用 2027 年安排")));
    }

    private static void range(Set<LocalDate> into, String from, String to) {
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            into.add(day);
        }
    }
}

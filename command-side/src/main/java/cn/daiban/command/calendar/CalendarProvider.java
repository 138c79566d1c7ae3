package cn.daiban.command.calendar;

import cn.daiban.kernel.calendar.WorkingDayCalendar;

/** The working-day calendar as loaded now. */
public interface CalendarProvider {

    WorkingDayCalendar current();
}

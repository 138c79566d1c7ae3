package cn.daiban.kernel.calendar;

/** The loaded years of the working-day calendar. */
public record FetchCalendarYearsQuery() {
}

package cn.daiban.kernel.calendar;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CalendarYearLoadedEvent(int year, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice) {
}

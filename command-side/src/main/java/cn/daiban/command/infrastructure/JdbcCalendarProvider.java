package cn.daiban.command.infrastructure;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.calendar.CalendarYearRevisedEvent;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calendar as loaded, kept by a subscribing processor in the loading command's transaction; each use reads the
 * years' revisions and reads the days again only when those changed, so a newly loaded year counts from the next
 * command on.
 */
@Component
@ProcessingGroup(JdbcCalendarProvider.PROCESSING_GROUP)
class JdbcCalendarProvider implements CalendarProvider {

    static final String PROCESSING_GROUP = "calendar-registry";

    private final JdbcClient jdbc;

    JdbcCalendarProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The calendar last read, with the years, revisions and notices it was read at. */
    private record Read(Map<Integer, List<Object>> years, WorkingDayCalendar calendar) {
    }

    private volatile Read last;

    /**
     * Reads the years (a handful of rows) on every use, and the days (a few hundred) only when a year's revision or
     * notice differs from the last read: every change goes through {@link #replace} (a new revision) or
     * {@link #reset} (the year gone). Assumption, named here: a year's days never change under the same revision
     * number (loading is revision 1, each revision event carries the next). A year loaded on another node is seen
     * from the next command on, as before.
     */
    @Override
    public WorkingDayCalendar current() {
        Map<Integer, List<Object>> years = new HashMap<>();
        jdbc.sql("select year, revision, notice from calendar_year").query(rs -> {
            years.put(rs.getInt(1), java.util.Arrays.asList(rs.getInt(2), rs.getString(3)));
        });
        Read read = last;
        if (read != null && read.years().equals(years)) {
            return read.calendar();
        }
        Map<Integer, Set<LocalDate>> holidays = new HashMap<>();
        Map<Integer, Set<LocalDate>> working = new HashMap<>();
        jdbc.sql("select year, day, working from calendar_day").query(rs -> {
            (rs.getBoolean(3) ? working : holidays).computeIfAbsent(rs.getInt(1), y -> new HashSet<>())
                    .add(rs.getObject(2, LocalDate.class));
        });
        WorkingDayCalendar calendar = WorkingDayCalendar.of(years.entrySet().stream()
                .map(year -> new CalendarYearData(year.getKey(), holidays.getOrDefault(year.getKey(), Set.of()),
                        working.getOrDefault(year.getKey(), Set.of()), (String) year.getValue().get(1)))
                .toList());
        last = new Read(years, calendar);
        return calendar;
    }

    @EventHandler
    void on(CalendarYearLoadedEvent event) {
        replace(event.year(), 1, event.notice(), event.holidays(), event.adjustedWorkingDays());
    }

    @EventHandler
    void on(CalendarYearRevisedEvent event) {
        replace(event.year(), event.revision(), event.notice(), event.holidays(), event.adjustedWorkingDays());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from calendar_day").update();
        jdbc.sql("delete from calendar_year").update();
    }

    private void replace(int year, int revision, String notice, Set<LocalDate> holidays, Set<LocalDate> working) {
        jdbc.sql("""
                        insert into calendar_year (year, revision, notice) values (?, ?, ?)
                        on conflict (year) do update set revision = excluded.revision, notice = excluded.notice""")
                .params(year, revision, notice).update();
        jdbc.sql("delete from calendar_day where year = ?").param(year).update();
        holidays.forEach(day -> jdbc.sql("insert into calendar_day (year, day, working) values (?, ?, false)")
                .params(year, day).update());
        working.forEach(day -> jdbc.sql("insert into calendar_day (year, day, working) values (?, ?, true)")
                .params(year, day).update());
    }
}

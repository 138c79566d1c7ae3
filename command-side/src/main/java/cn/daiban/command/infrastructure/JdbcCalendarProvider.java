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
import java.util.Map;
import java.util.Set;

/**
 * The calendar as loaded, kept by a subscribing processor in the loading command's transaction and read whole
 * on each use (a few dozen rows a year), so a newly loaded year counts from the next command on.
 */
@Component
@ProcessingGroup(JdbcCalendarProvider.PROCESSING_GROUP)
class JdbcCalendarProvider implements CalendarProvider {

    static final String PROCESSING_GROUP = "calendar-registry";

    private final JdbcClient jdbc;

    JdbcCalendarProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public WorkingDayCalendar current() {
        Map<Integer, String> notices = new HashMap<>();
        jdbc.sql("select year, notice from calendar_year").query(rs -> {
            notices.put(rs.getInt(1), rs.getString(2));
        });
        Map<Integer, Set<LocalDate>> holidays = new HashMap<>();
        Map<Integer, Set<LocalDate>> working = new HashMap<>();
        jdbc.sql("select year, day, working from calendar_day").query(rs -> {
            (rs.getBoolean(3) ? working : holidays).computeIfAbsent(rs.getInt(1), y -> new HashSet<>())
                    .add(rs.getObject(2, LocalDate.class));
        });
        return WorkingDayCalendar.of(notices.entrySet().stream()
                .map(year -> new CalendarYearData(year.getKey(), holidays.getOrDefault(year.getKey(), Set.of()),
                        working.getOrDefault(year.getKey(), Set.of()), year.getValue()))
                .toList());
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

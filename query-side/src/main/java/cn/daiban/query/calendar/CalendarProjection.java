package cn.daiban.query.calendar;

import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.calendar.CalendarYearRevisedEvent;
import cn.daiban.kernel.calendar.CalendarYearsResponse;
import cn.daiban.kernel.calendar.FetchCalendarYearsQuery;
import cn.daiban.kernel.calendar.FetchWorkingDaysQuery;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.calendar.WorkingDaysResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working-day calendar on the query side, for its own figures (handling times, rates) and for anyone who
 * asks "is this a working day" or "when is N working days after".
 */
@Component
@ProcessingGroup("calendar")
public class CalendarProjection {

    private final CalendarYearRepository years;

    CalendarProjection(CalendarYearRepository years) {
        this.years = years;
    }

    @EventHandler
    void on(CalendarYearLoadedEvent event) {
        CalendarYearEntity year = years.findById(event.year()).orElseGet(() -> new CalendarYearEntity(event.year()));
        year.loaded(1, event.notice(), event.holidays(), event.adjustedWorkingDays());
        years.save(year);
    }

    @EventHandler
    void on(CalendarYearRevisedEvent event) {
        CalendarYearEntity year = years.findById(event.year()).orElseGet(() -> new CalendarYearEntity(event.year()));
        year.loaded(event.revision(), event.notice(), event.holidays(), event.adjustedWorkingDays());
        years.save(year);
    }

    @ResetHandler
    void reset() {
        years.deleteAllInBatch();
    }

    /** The calendar as loaded now. */
    @Transactional(readOnly = true)
    public WorkingDayCalendar current() {
        return WorkingDayCalendar.of(years.findAll().stream().map(CalendarYearEntity::data).toList());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    CalendarYearsResponse handle(FetchCalendarYearsQuery query) {
        return new CalendarYearsResponse(years.findAll(Sort.by("year")).stream()
                .map(CalendarYearEntity::toResponse).toList());
    }

    @QueryHandler
    WorkingDaysResponse handle(FetchWorkingDaysQuery query) {
        WorkingDayCalendar calendar = current();
        return new WorkingDaysResponse(query.from(), calendar.isWorkingDay(query.from()), calendar.reason(query.from()),
                query.days(), query.days() == null ? null : calendar.addWorkingDays(query.from(), query.days()),
                query.to(), query.to() == null ? null : calendar.workingDaysBetween(query.from(), query.to()));
    }
}

package cn.daiban.command.calendar;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.calendar.CalendarYearRevisedEvent;
import cn.daiban.kernel.calendar.LoadCalendarYearCommand;
import cn.daiban.kernel.calendar.ReviseCalendarYearCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** One year of the working-day calendar; loading and every revision are events like any other. */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class CalendarYear {

    @AggregateIdentifier
    private String calendarId;
    private int revision;
    private Set<LocalDate> holidays;
    private Set<LocalDate> adjustedWorkingDays;
    private String notice;

    CalendarYear() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(LoadCalendarYearCommand command, CalendarProvider calendars) {
        if (calendars.current().loadedYears().contains(command.year())) {
            throw DomainRuleException.illegalTransition("calendar-year-loaded-once",
                    command.year() + " is loaded already: revise it instead");
        }
        apply(new CalendarYearLoadedEvent(command.year(), command.holidays(), command.adjustedWorkingDays(),
                command.notice()));
        return getVersion();
    }

    @CommandHandler
    long handle(ReviseCalendarYearCommand command) {
        if (command.holidays().equals(holidays) && command.adjustedWorkingDays().equals(adjustedWorkingDays)
                && command.notice().equals(notice)) {
            throw DomainRuleException.ruleViolated("revision-changes-something", "holidays",
                    "the revision is identical to what is loaded for " + command.year());
        }
        apply(new CalendarYearRevisedEvent(command.year(), revision + 1, command.holidays(),
                command.adjustedWorkingDays(), command.notice(), command.reason()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(CalendarYearLoadedEvent event) {
        calendarId = CalendarYearData.aggregateId(event.year());
        revision = 1;
        holidays = event.holidays();
        adjustedWorkingDays = event.adjustedWorkingDays();
        notice = event.notice();
    }

    @EventSourcingHandler
    void on(CalendarYearRevisedEvent event) {
        revision = event.revision();
        holidays = event.holidays();
        adjustedWorkingDays = event.adjustedWorkingDays();
        notice = event.notice();
    }
}

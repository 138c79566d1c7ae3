package cn.daiban.command.web;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.LoadCalendarYearCommand;
import cn.daiban.kernel.calendar.ReviseCalendarYearCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Set;

/** The working-day calendar: an administrator loads each year's State Council dates, and corrects them. */
@RestController
@RequestMapping("/api/calendar/years")
@Tag(name = "Calendar", description = "Working-day calendar: public holidays and adjusted working weekends per year")
class CalendarCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    CalendarCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    @PostMapping
    @Operation(summary = "Load a year's holidays and adjusted working weekends (调休上班)")
    ResponseEntity<CommandAcknowledgement> load(@RequestBody LoadCalendarYearCommand body) {
        String id = CalendarYearData.aggregateId(body.year());
        return Responses.created("/api/calendar/years/" + body.year(), dispatcher.send(requests.of(body), id, () -> body));
    }

    record RevisionRequest(Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays, String notice, String reason) {
    }

    @PostMapping("/{year}/revision")
    @Operation(summary = "Correct a loaded year, with the reason")
    ResponseEntity<CommandAcknowledgement> revise(@PathVariable int year, @RequestBody RevisionRequest body) {
        return Responses.ok(dispatcher.send(requests.of(body), CalendarYearData.aggregateId(year),
                () -> new ReviseCalendarYearCommand(year, body.holidays(), body.adjustedWorkingDays(), body.notice(),
                        body.reason())));
    }
}

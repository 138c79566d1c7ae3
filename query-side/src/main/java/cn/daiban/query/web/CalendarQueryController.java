package cn.daiban.query.web;

import cn.daiban.kernel.calendar.CalendarYearsResponse;
import cn.daiban.kernel.calendar.FetchCalendarYearsQuery;
import cn.daiban.kernel.calendar.FetchWorkingDaysQuery;
import cn.daiban.kernel.calendar.WorkingDaysResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@RequestMapping("/api/calendar")
@Tag(name = "Calendar", description = "Working days: loaded years and working-day arithmetic")
class CalendarQueryController {

    private final QueryGateway queries;

    CalendarQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/years")
    @Operation(summary = "The loaded years with their holidays and adjusted working weekends")
    CalendarYearsResponse years() {
        return queries.query(new FetchCalendarYearsQuery(), ResponseTypes.instanceOf(CalendarYearsResponse.class)).join();
    }

    @GetMapping("/working-days")
    @Operation(summary = "Is {from} a working day; the date {days} working days after it; working days up to {to}")
    WorkingDaysResponse workingDays(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) Integer days,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.query(new FetchWorkingDaysQuery(from, days, to),
                ResponseTypes.instanceOf(WorkingDaysResponse.class)).join();
    }
}

package cn.daiban.query.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.dashboard.*;
import cn.daiban.query.delegation.LiveUpdates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What stations and supervision units watch: dashboards, satisfaction, supervision flags, live updates. */
@RestController
@Tag(name = "Dashboards and supervision", description = "站点看板, 满意度, 电子监察 flags, live updates")
class DashboardController {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q([1-4]))?");

    private final QueryGateway queries;
    private final LiveUpdates live;
    private final ServiceClock clock;

    DashboardController(QueryGateway queries, LiveUpdates live, ServiceClock clock) {
        this.queries = queries;
        this.live = live;
        this.clock = clock;
    }

    @GetMapping("/api/stations/{code}/dashboard")
    @Operation(summary = "A station's dashboard for a period (default: this month), rolled up the hierarchy by default")
    StationDashboardResponse dashboard(@PathVariable String code,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(defaultValue = "true") boolean rollUp,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate today) {
        LocalDate now = today != null ? today : clock.today();
        return queries.query(new FetchStationDashboardQuery(scope(code, rollUp, from, to, now), now),
                ResponseTypes.instanceOf(StationDashboardResponse.class)).join();
    }

    @GetMapping("/api/supervision/flags")
    @Operation(summary = "Flagged open matters and stalled escalation hops (yellow at risk, red late), transfers "
            + "waiting or refused, and results not delivered in time, across a hierarchy")
    SupervisionFlagsResponse flags(@RequestParam(required = false) String station,
                                   @RequestParam(required = false) FetchSupervisionFlagsQuery.Colour colour) {
        return queries.query(new FetchSupervisionFlagsQuery(station, colour),
                ResponseTypes.instanceOf(SupervisionFlagsResponse.class)).join();
    }

    @GetMapping("/api/supervision/backdated-steps")
    @Operation(summary = "Steps recorded after the fact (补录): when each was entered, when it happened and why; "
            + "newest entry first, across a station's hierarchy by default")
    BackdatedStepsResponse backdatedSteps(@RequestParam(required = false) String station,
                                          @RequestParam(defaultValue = "true") boolean rollUp,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                          @RequestParam(defaultValue = "200") int limit) {
        return queries.query(new FetchBackdatedStepsQuery(station, rollUp, from, to, limit),
                ResponseTypes.instanceOf(BackdatedStepsResponse.class)).join();
    }

    @GetMapping("/api/supervision/one-time-notice-breaches")
    @Operation(summary = "Breaches of 一次性告知: each second or later supplement request, its matter, what it asked for "
            + "and the justification given; of the matters received in the period, newest request first, across a "
            + "station's hierarchy by default")
    OneTimeNoticeBreachesResponse oneTimeNoticeBreaches(@RequestParam(required = false) String station,
                                                        @RequestParam(defaultValue = "true") boolean rollUp,
                                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                        @RequestParam(defaultValue = "200") int limit) {
        return queries.query(new FetchOneTimeNoticeBreachesQuery(station, rollUp, from, to, limit),
                ResponseTypes.instanceOf(OneTimeNoticeBreachesResponse.class)).join();
    }

    @GetMapping("/api/satisfaction")
    @Operation(summary = "Satisfaction by station, agent, item, month or quarter, with attitude, quality and efficiency")
    SatisfactionResponse satisfaction(@RequestParam(defaultValue = "STATION") FetchSatisfactionQuery.GroupBy groupBy,
                                      @RequestParam(required = false) String station,
                                      @RequestParam(defaultValue = "true") boolean rollUp,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.query(new FetchSatisfactionQuery(scope(station, station != null && rollUp, from, to,
                clock.today()), groupBy), ResponseTypes.instanceOf(SatisfactionResponse.class)).join();
    }

    @GetMapping("/api/satisfaction/poor-grades")
    @Operation(summary = "Poor grades with their follow-up and rectification status, and grades voided on appeal")
    PoorGradesResponse poorGrades(@RequestParam(required = false) String station,
                                  @RequestParam(defaultValue = "true") boolean rollUp,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.query(new FetchPoorGradesQuery(scope(station, station != null && rollUp, from, to,
                clock.today())), ResponseTypes.instanceOf(PoorGradesResponse.class)).join();
    }

    @GetMapping("/api/stations/{code}/satisfaction-summary")
    @Operation(summary = "The publishable summary for a period (2026, 2026-11 or 2026-Q4): figures only, no personal data")
    SatisfactionSummaryResponse summary(@PathVariable String code, @RequestParam String period,
                                        @RequestParam(defaultValue = "true") boolean rollUp) {
        LocalDate[] range = period(period);
        LocalDate from = range[0];
        LocalDate to = range[1];
        return queries.query(new FetchSatisfactionSummaryQuery(new Scope(code, rollUp, from, to)),
                        ResponseTypes.optionalInstanceOf(SatisfactionSummaryResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("station " + code));
    }

    @GetMapping(value = "/api/live/stations/{code}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: delegations commissioned or completed at the station or below it")
    SseEmitter live(@PathVariable String code) {
        return live.subscribe(cn.daiban.kernel.station.StationCode.of(code).value());
    }

    /** A period (2026, 2026-11 or 2026-Q4) as its first and last day; anything else is a 400 naming {@code period}. */
    static LocalDate[] period(String period) {
        Matcher matcher = PERIOD.matcher(period);
        if (!matcher.matches()) {
            throw new InvalidValueException("period", "must be a year (2026), a month (2026-11) or a quarter (2026-Q4)");
        }
        int year = Integer.parseInt(matcher.group(1));
        if (year < Require.FIRST_SERVICE_YEAR || year > Require.LAST_SERVICE_YEAR || matcher.group(2) != null
                && (Integer.parseInt(matcher.group(2)) < 1 || Integer.parseInt(matcher.group(2)) > 12)) {
            // A month 13 was a 500 (java.time refused it below), on the public satisfaction too.
            throw new InvalidValueException("period", "must be a year (2026), a month (2026-11) or a quarter (2026-Q4)"
                    + " from " + Require.FIRST_SERVICE_YEAR + " to " + Require.LAST_SERVICE_YEAR);
        }
        LocalDate from;
        LocalDate to;
        if (matcher.group(2) != null) {
            YearMonth month = YearMonth.of(year, Integer.parseInt(matcher.group(2)));
            from = month.atDay(1);
            to = month.atEndOfMonth();
        } else if (matcher.group(3) != null) {
            int quarter = Integer.parseInt(matcher.group(3));
            from = LocalDate.of(year, quarter * 3 - 2, 1);
            to = YearMonth.of(year, quarter * 3).atEndOfMonth();
        } else {
            from = LocalDate.of(year, 1, 1);
            to = LocalDate.of(year, 12, 31);
        }
        return new LocalDate[]{from, to};
    }

    private static Scope scope(String station, boolean rollUp, LocalDate from, LocalDate to, LocalDate today) {
        LocalDate start = from != null ? from : today.withDayOfMonth(1);
        LocalDate end = to != null ? to : YearMonth.from(today).atEndOfMonth();
        return new Scope(station, rollUp, start, end);
    }
}

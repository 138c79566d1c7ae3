package cn.daiban.query.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.dashboard.FetchSatisfactionQuery;
import cn.daiban.kernel.dashboard.FetchStationDashboardQuery;
import cn.daiban.kernel.dashboard.SatisfactionResponse;
import cn.daiban.kernel.dashboard.Scope;
import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.kernel.ledger.FetchWorkLedgerQuery;
import cn.daiban.kernel.ledger.LedgerFilter;
import cn.daiban.kernel.ledger.WorkLedgerResponse;
import cn.daiban.query.asof.PointInTime;
import cn.daiban.query.ledger.DashboardQueries;
import cn.daiban.query.ledger.LedgerQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * The ledger, a station dashboard and the satisfaction view as they stood at a past moment ("as of
 * 2026-06-30T23:59:00+08:00"), replayed from the event store for audits of past periods.
 */
@RestController
@Tag(name = "Point in time", description = "Views as they stood at a past moment, replayed from the events")
class AsOfController {

    private final PointInTime pointInTime;
    private final LedgerQueries ledger;
    private final DashboardQueries dashboards;
    private final ServiceClock clock;

    AsOfController(PointInTime pointInTime, LedgerQueries ledger, DashboardQueries dashboards,
                   ServiceClock clock) {
        this.pointInTime = pointInTime;
        this.ledger = ledger;
        this.dashboards = dashboards;
        this.clock = clock;
    }

    @GetMapping("/api/as-of/ledger")
    @Operation(summary = "The work ledger as it stood at {at}")
    WorkLedgerResponse ledger(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
                              @RequestParam(required = false) String station,
                              @RequestParam(defaultValue = "false") boolean rollUp,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        FetchWorkLedgerQuery query = new FetchWorkLedgerQuery(
                new LedgerFilter(station, rollUp, null, null, null, null, null, null, null, false), page, size);
        return pointInTime.asOf(at.toInstant(), () -> ledger.handle(query));
    }

    @GetMapping("/api/as-of/stations/{code}/dashboard")
    @Operation(summary = "A station's dashboard as it stood at {at} (period default: the month of {at})")
    StationDashboardResponse dashboard(@PathVariable String code,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(defaultValue = "true") boolean rollUp) {
        LocalDate day = at.atZoneSameInstant(clock.zone()).toLocalDate();
        FetchStationDashboardQuery query = new FetchStationDashboardQuery(new Scope(code, rollUp,
                from != null ? from : day.withDayOfMonth(1), to != null ? to : YearMonth.from(day).atEndOfMonth()), day);
        return pointInTime.asOf(at.toInstant(), () -> dashboards.handle(query));
    }

    @GetMapping("/api/as-of/satisfaction")
    @Operation(summary = "The satisfaction view as it stood at {at}")
    SatisfactionResponse satisfaction(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
                                      @RequestParam(defaultValue = "STATION") FetchSatisfactionQuery.GroupBy groupBy,
                                      @RequestParam(required = false) String station,
                                      @RequestParam(defaultValue = "true") boolean rollUp,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        FetchSatisfactionQuery query = new FetchSatisfactionQuery(new Scope(station, station != null && rollUp, from, to),
                groupBy);
        return pointInTime.asOf(at.toInstant(), () -> dashboards.handle(query));
    }
}

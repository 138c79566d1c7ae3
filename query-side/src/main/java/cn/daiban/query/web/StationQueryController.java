package cn.daiban.query.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.station.FetchStationApplicationsQuery;
import cn.daiban.kernel.station.FetchStationDirectoryQuery;
import cn.daiban.kernel.station.FetchStationQuery;
import cn.daiban.kernel.station.StationApplicationsResponse;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationDirectoryResponse;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationResponse;
import cn.daiban.kernel.station.StationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/stations")
@Tag(name = "Stations", description = "便民服务站 directory and application history")
class StationQueryController {

    private final QueryGateway queries;
    private final ServiceClock clock;

    StationQueryController(QueryGateway queries, ServiceClock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Station directory, filtered by level, parent, status and region (division-code prefix)")
    StationDirectoryResponse directory(@RequestParam(required = false) StationLevel level,
                                       @RequestParam(required = false) String parent,
                                       @RequestParam(required = false) StationStatus status,
                                       @RequestParam(required = false) String region,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        FetchStationDirectoryQuery query = new FetchStationDirectoryQuery(level,
                parent == null ? null : StationCode.of(parent), status, region, page, size);
        return queries.query(query, ResponseTypes.instanceOf(StationDirectoryResponse.class)).join();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One station")
    StationResponse station(@PathVariable String code) {
        return queries.query(new FetchStationQuery(StationCode.of(code)),
                        ResponseTypes.optionalInstanceOf(StationResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("station " + code));
    }

    @GetMapping("/{code}/statistics-submissions")
    @Operation(summary = "Which stations reporting to this one submitted their statistics for a period, and which not")
    cn.daiban.kernel.station.StatisticsSubmissionsResponse submissions(@PathVariable String code,
                                                                       @RequestParam String period) {
        return queries.query(new cn.daiban.kernel.station.FetchStatisticsSubmissionsQuery(StationCode.of(code), period),
                ResponseTypes.instanceOf(cn.daiban.kernel.station.StatisticsSubmissionsResponse.class)).join();
    }

    @GetMapping("/{code}/appointments")
    @Operation(summary = "The station's bookings of a day (default: today)")
    cn.daiban.kernel.appointment.StationBookingsResponse appointments(@PathVariable String code,
            @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
                    iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate date) {
        java.time.LocalDate day = date != null ? date : clock.today();
        return queries.query(new cn.daiban.kernel.appointment.FetchStationBookingsQuery(StationCode.of(code), day),
                ResponseTypes.instanceOf(cn.daiban.kernel.appointment.StationBookingsResponse.class)).join();
    }

    @GetMapping("/{code}/applications")
    @Operation(summary = "Every application of the station (opening, changes, closure) with its decision")
    StationApplicationsResponse applications(@PathVariable String code) {
        return queries.query(new FetchStationApplicationsQuery(StationCode.of(code)),
                        ResponseTypes.optionalInstanceOf(StationApplicationsResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("station " + code));
    }
}

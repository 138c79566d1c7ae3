package cn.daiban.query.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.dashboard.FetchSatisfactionSummaryQuery;
import cn.daiban.kernel.dashboard.SatisfactionSummaryResponse;
import cn.daiban.kernel.dashboard.Scope;
import cn.daiban.kernel.openness.FetchPublicStationQuery;
import cn.daiban.kernel.openness.FetchPublicStationsQuery;
import cn.daiban.kernel.openness.PublicStationResponse;
import cn.daiban.kernel.openness.PublicStationsResponse;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The public face (公开原则, `000 §4.4`, `004 §6.2.2`, satisfaction published `000 §8.1.3`): open stations, the items
 * each offers, its agents' names and posts, and its satisfaction figures, readable without a login. Nothing here
 * reads a client's record. Answers carry {@code Cache-Control: public, max-age=…} ({@code daiban.public.cache-max-age})
 * and an {@code ETag} (a matching {@code If-None-Match} is answered 304); the paths have their own rate limit per
 * client address ({@code daiban.public.rate-limit.*}, 429 with {@code Retry-After}).
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "Public", description = "公开: stations, items, agents and satisfaction, without a login")
@SecurityRequirements
class PublicController {

    private final org.axonframework.queryhandling.QueryGateway queries;
    private final ServiceClock clock;
    private final CacheControl cache;

    PublicController(org.axonframework.queryhandling.QueryGateway queries, ServiceClock clock,
                     @Value("${daiban.public.cache-max-age:60s}") Duration maxAge) {
        this.queries = queries;
        this.clock = clock;
        this.cache = CacheControl.maxAge(maxAge).cachePublic();
    }

    @GetMapping("/stations")
    @Operation(summary = "Open stations: name, level, address, hours, phone and supervision phone")
    ResponseEntity<PublicStationsResponse> stations(@RequestParam(required = false) StationLevel level,
                                                    @RequestParam(required = false) String region) {
        return ResponseEntity.ok().cacheControl(cache).body(queries.query(new FetchPublicStationsQuery(level, region),
                ResponseTypes.instanceOf(PublicStationsResponse.class)).join());
    }

    @GetMapping("/stations/{code}")
    @Operation(summary = "One open station: its items (process, materials, time limit, statutory fees, legal basis) "
            + "and its agents' names and posts")
    ResponseEntity<PublicStationResponse> station(@PathVariable String code) {
        return ResponseEntity.ok().cacheControl(cache).body(openStation(code));
    }

    @GetMapping("/stations/{code}/satisfaction")
    @Operation(summary = "The station's published satisfaction figures for a period (2026, 2026-11 or 2026-Q4; "
            + "default: the current quarter), its own matters only")
    ResponseEntity<SatisfactionSummaryResponse> satisfaction(@PathVariable String code,
                                                             @RequestParam(required = false) String period) {
        openStation(code);
        LocalDate today = clock.today();
        LocalDate[] range = DashboardController.period(period != null ? period
                : today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1));
        // Assumption: a station publishes its own figures (no roll-up of the stations below it).
        SatisfactionSummaryResponse summary = queries.query(new FetchSatisfactionSummaryQuery(
                        new Scope(code, false, range[0], range[1])),
                ResponseTypes.optionalInstanceOf(SatisfactionSummaryResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("open station " + code));
        return ResponseEntity.ok().cacheControl(cache).body(summary);
    }

    private PublicStationResponse openStation(String code) {
        String valid = StationCode.of(code).value();
        return queries.query(new FetchPublicStationQuery(valid),
                        ResponseTypes.optionalInstanceOf(PublicStationResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("open station " + code));
    }
}

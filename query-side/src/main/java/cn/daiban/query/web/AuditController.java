package cn.daiban.query.web;

import cn.daiban.kernel.audit.AuditHistoryResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse;
import cn.daiban.kernel.audit.CheckStoreDigestQuery;
import cn.daiban.kernel.audit.FetchAuditHistoryQuery;
import cn.daiban.kernel.audit.FetchStoreDigestQuery;
import cn.daiban.kernel.audit.StoreDigestCheckResponse;
import cn.daiban.kernel.audit.StoreDigestResponse;
import cn.daiban.kernel.audit.VerifyEventChainQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * What supervision reads from the event store itself: who touched a matter, when, from where; what an agent or
 * a station did; whether the history is intact; digests to keep outside the system.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Event history straight from the event store, hash-chain verification, store digests")
class AuditController {

    private final QueryGateway queries;

    AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/streams/{aggregateId}")
    @Operation(summary = "The full ordered history of one delegation, station, agent or consultation")
    AuditHistoryResponse stream(@PathVariable String aggregateId,
                                @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String type,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                @RequestParam(defaultValue = "0") long after,
                                @RequestParam(defaultValue = "100") int size) {
        return history(new FetchAuditHistoryQuery(aggregateId, actor, null, type, from, to, after, size));
    }

    @GetMapping("/actors/{actorId}")
    @Operation(summary = "What one person did (e.g. last week), from the events")
    AuditHistoryResponse actor(@PathVariable String actorId,
                               @RequestParam(required = false) String station,
                               @RequestParam(required = false) String type,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(defaultValue = "0") long after,
                               @RequestParam(defaultValue = "100") int size) {
        return history(new FetchAuditHistoryQuery(null, actorId, station, type, from, to, after, size));
    }

    @GetMapping("/stations/{stationCode}")
    @Operation(summary = "Everything done at one station, from the events")
    AuditHistoryResponse station(@PathVariable String stationCode,
                                 @RequestParam(required = false) String actor,
                                 @RequestParam(required = false) String type,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                 @RequestParam(defaultValue = "0") long after,
                                 @RequestParam(defaultValue = "100") int size) {
        return history(new FetchAuditHistoryQuery(null, actor, stationCode, type, from, to, after, size));
    }

    @GetMapping("/verification")
    @Operation(summary = "Walk one stream (aggregateId) or all streams and report intact or the first break")
    ChainVerificationResponse verify(@RequestParam(required = false) String aggregateId) {
        return queries.query(new VerifyEventChainQuery(aggregateId),
                ResponseTypes.instanceOf(ChainVerificationResponse.class)).join();
    }

    @GetMapping("/digest")
    @Operation(summary = "Take a digest of the whole store, to keep outside the system")
    StoreDigestResponse digest() {
        return queries.query(new FetchStoreDigestQuery(), ResponseTypes.instanceOf(StoreDigestResponse.class)).join();
    }

    @PostMapping("/digest/check")
    @Operation(summary = "Check the store against a digest kept earlier: any change to history before it shows")
    StoreDigestCheckResponse check(@RequestBody CheckStoreDigestQuery kept) {
        return queries.query(kept, ResponseTypes.instanceOf(StoreDigestCheckResponse.class)).join();
    }

    private AuditHistoryResponse history(FetchAuditHistoryQuery query) {
        return queries.query(query, ResponseTypes.instanceOf(AuditHistoryResponse.class)).join();
    }
}

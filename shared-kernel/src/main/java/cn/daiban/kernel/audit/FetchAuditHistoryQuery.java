package cn.daiban.kernel.audit;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.Instant;

/**
 * A page of the event history straight from the event store, oldest first: of one aggregate (delegation,
 * station, agent, consultation …), of one actor, or of one station, filtered by time range and event type.
 * Pages by global position: pass the last entry's {@code globalIndex} as {@code after} for the next page.
 */
public record FetchAuditHistoryQuery(String aggregateId, String actorId, String stationCode, String eventType,
                                     Instant from, Instant to, long after, int size) {

    public FetchAuditHistoryQuery {
        aggregateId = Require.optionalText(aggregateId, "aggregateId", 255);
        actorId = Require.optionalText(actorId, "actor", 64);
        stationCode = Require.optionalText(stationCode, "station", 20);
        eventType = Require.optionalText(eventType, "type", 128);
        if (aggregateId == null && actorId == null && stationCode == null) {
            throw new InvalidValueException("aggregateId", "or actor or station is required: whose history");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        if (after < 0) {
            throw new InvalidValueException("after", "must not be negative");
        }
        Require.between(size, 1, 500, "size");
    }
}

package cn.daiban.kernel.audit;

import java.time.Instant;
import java.util.List;

/**
 * A page of stored events; {@code next} is the {@code after} of the next page, null on the last one.
 * {@code indexComplete} is false when the index of who, where and when (which finds the events) had not caught up
 * with the store's newest event within the request's wait: the newest events may then be missing, and asking again
 * later finds them. Always true for a store with no events.
 */
public record AuditHistoryResponse(List<Entry> entries, Long next, boolean indexComplete) {

    /**
     * One stored event: where it is, when, what, who, from which station, as part of which request, a readable
     * summary, the raw payload JSON as stored and its hash.
     */
    /**
     * {@code time} is when the event was recorded; {@code occurredAt} / {@code backdatingReason} are set only for a
     * step recorded after the fact (补录): when it happened and why it was entered late.
     */
    public record Entry(long globalIndex, String aggregateId, long sequenceNumber, String aggregateType,
                        Instant time, String eventType, String actorId, String stationCode, String correlationId,
                        String summary, String payload, String eventHash, String occurredAt, String backdatingReason) {

        /** An event recorded as it happened. */
        public Entry(long globalIndex, String aggregateId, long sequenceNumber, String aggregateType, Instant time,
                     String eventType, String actorId, String stationCode, String correlationId, String summary,
                     String payload, String eventHash) {
            this(globalIndex, aggregateId, sequenceNumber, aggregateType, time, eventType, actorId, stationCode,
                    correlationId, summary, payload, eventHash, null, null);
        }
    }
}

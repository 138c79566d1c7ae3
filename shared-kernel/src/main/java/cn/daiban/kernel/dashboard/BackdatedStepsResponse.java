package cn.daiban.kernel.dashboard;

import java.time.Instant;
import java.util.List;

/** Steps recorded after the fact (补录): both moments, who entered it where, and why it was late. */
public record BackdatedStepsResponse(List<Row> steps) {

    /**
     * @param recordedAt      when the step was entered (the event's timestamp)
     * @param occurredAt      when it happened, as the station declared
     * @param backdatingReason why it was entered late
     */
    public record Row(String delegationId, long sequence, String eventType, String stationCode, String itemName,
                      String actorId, Instant recordedAt, Instant occurredAt, String backdatingReason, String summary) {
    }
}

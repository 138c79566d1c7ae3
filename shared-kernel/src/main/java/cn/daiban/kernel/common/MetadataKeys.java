package cn.daiban.kernel.common;

/**
 * Keys every stored event carries in its metadata, so that supervision can answer "who did this, at which
 * station, as part of which request" from the event store alone.
 */
public final class MetadataKeys {

    /** The person (or {@link #SYSTEM_ACTOR}) who caused the message. */
    public static final String ACTOR_ID = "actorId";
    /** The station the actor was working at when the message was caused. */
    public static final String STATION_CODE = "stationCode";
    /** One id for everything that follows from one request; the same key Axon's MessageOriginProvider uses. */
    public static final String CORRELATION_ID = "correlationId";
    /**
     * A step recorded after the fact (补录, a village station's paper record entered later): the moment it happened,
     * an ISO-8601 instant. The event's own timestamp stays the moment it was recorded, so the stored event keeps
     * both. Absent on every step recorded as it happened (and on every event stored before it existed).
     */
    public static final String OCCURRED_AT = "occurredAt";
    /** Why a step was recorded after the fact; present exactly when {@link #OCCURRED_AT} is. */
    public static final String BACKDATING_REASON = "backdatingReason";
    /** Actor recorded for what the system does by itself (deadlines, automatic suspension, reminders). */
    public static final String SYSTEM_ACTOR = "system";

    private MetadataKeys() {
    }
}

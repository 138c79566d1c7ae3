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
    /** Actor recorded for what the system does by itself (deadlines, automatic suspension, reminders). */
    public static final String SYSTEM_ACTOR = "system";

    private MetadataKeys() {
    }
}

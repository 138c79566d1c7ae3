package cn.daiban.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.ThrowableCause;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event a replay (a rebuild, a point-in-time view) could not process, and why: what an administrator needs to
 * decide whether to evict it ({@code POST /api/admin/dead-letters/{group}/{sequence}/eviction}, where
 * {@code sequence} is the aggregate id). The cause is the innermost one (the database's own message rather than a
 * wrapper's SQL text), without NUL characters and cut to 1023 characters, like a parked event's.
 */
public record FailedEvent(String group, String eventId, String eventType, String sequence, Long aggregateSequence,
                          Long position, String causeType, String causeMessage) {

    public static FailedEvent of(String group, EventMessage<?> event, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).replace('\u0000', ' ');
        if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        String sequence = null;
        Long aggregateSequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            sequence = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        Long position = null;
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            position = tracked.trackingToken().position().isPresent() ? tracked.trackingToken().position().getAsLong()
                    : null;
        }
        return new FailedEvent(group, event.getIdentifier(), event.getPayloadType().getName(), sequence,
                aggregateSequence, position, root.getClass().getName(), message);
    }

    /** One line for logs and the {@code error} of a rebuild's progress. */
    public String describe() {
        return "event " + eventId + " (" + eventType + (sequence == null ? "" : ", sequence " + sequence
                + " #" + aggregateSequence) + (position == null ? "" : ", position " + position)
                + ") failed in processing group " + group + ": " + causeType + ": " + causeMessage;
    }

    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("group", group);
        report.put("eventId", eventId);
        report.put("eventType", eventType);
        report.put("sequence", sequence);
        report.put("aggregateSequence", aggregateSequence);
        report.put("position", position);
        report.put("causeType", causeType);
        report.put("causeMessage", causeMessage);
        return report;
    }

    /** A replay stopped on this event. */
    public static class ReplayFailedException extends RuntimeException {
        private final FailedEvent event;

        public ReplayFailedException(String what, FailedEvent event, Throwable cause) {
            super(what + ": " + event.describe(), cause);
            this.event = event;
        }

        public FailedEvent event() {
            return event;
        }
    }
}

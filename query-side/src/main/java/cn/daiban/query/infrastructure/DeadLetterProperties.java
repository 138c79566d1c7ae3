package cn.daiban.query.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a projection treats an event it cannot process ({@code daiban.dead-letters.*}).
 *
 * @param attempts      how often a handler is run on one event before its sequence is parked (every failure is
 *                      retried: a deadlock or serialization failure usually passes on the next try; a poison event
 *                      fails every time and is parked after the last)
 * @param backoff       the pause before the second attempt; it doubles for every further one
 * @param maxSequences  how many sequences (aggregates) one processing group may park; past that the group stops
 *                      as before (Axon's DeadLetterQueueOverflowException), which is loud rather than silent
 * @param claimDuration how long a retry holds a parked sequence before another node may take it over
 */
@ConfigurationProperties("daiban.dead-letters")
public record DeadLetterProperties(@DefaultValue("3") int attempts,
                                   @DefaultValue("100ms") Duration backoff,
                                   @DefaultValue("1024") int maxSequences,
                                   @DefaultValue("30s") Duration claimDuration) {

    public DeadLetterProperties {
        if (attempts < 1) {
            throw new IllegalArgumentException("daiban.dead-letters.attempts must be at least 1");
        }
    }
}

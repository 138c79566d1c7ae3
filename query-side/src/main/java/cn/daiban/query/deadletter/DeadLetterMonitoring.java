package cn.daiban.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Parked events in health and metrics: the {@code deadLetters} health component lists the count per processing
 * group, and the gauge {@code daiban.dead.letters} (tag {@code group}) has the same counts. Parked events never
 * make the application DOWN (nor unready: the readiness group does not include this component): the other
 * sequences still flow, and an operator acts on the gauge rather than a load balancer on the status.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterMonitoring implements HealthIndicator {

    /** Counts are read at most this often, however many gauges are scraped. */
    private static final Duration FRESH = Duration.ofSeconds(2);

    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    DeadLetterMonitoring(DeadLetters deadLetters, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String group : deadLetters.groups()) {
            Gauge.builder("daiban.dead.letters", () -> counts().getOrDefault(group, 0L))
                    .tag("group", group)
                    .description("events parked in the processing group's dead-letter queue")
                    .register(meters);
        }
    }

    @Override
    public Health health() {
        Map<String, Long> now = fresh();
        long total = now.values().stream().mapToLong(Long::longValue).sum();
        return Health.up().withDetail("parked", total).withDetail("groups", now).build();
    }

    private Map<String, Long> counts() {
        if (Duration.between(countedAt, Instant.now()).compareTo(FRESH) > 0) {
            return fresh();
        }
        return counts;
    }

    private synchronized Map<String, Long> fresh() {
        counts = deadLetters.counts();
        countedAt = Instant.now();
        return counts;
    }
}

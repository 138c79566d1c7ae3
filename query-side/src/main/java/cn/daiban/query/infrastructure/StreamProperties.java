package cn.daiban.query.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the query side follows the event table in the embedded mode ({@code daiban.event-stream.*}).
 *
 * @param fetchDelay   how long to wait before polling again once caught up (the worst-case lag of a projection)
 * @param cachedEvents how many recent events are kept in memory for processors that are close to the head
 * @param cleanupDelay how often a processor that has fallen behind the cache is sent to read on its own. The event
 *                     store's reader fetches ahead for every processor still following the cache, and everything
 *                     from the slowest one's position on stays in memory until this check lets it go: the heap a
 *                     burst of events can take is about {@code cachedEvents} plus this delay times the rate the
 *                     database hands events out (tens of thousands a second). Axon's default of 10 s let a burst
 *                     of seeded events hold 250,000 of them (over 300 MiB) and ran the query side out of its
 *                     512 MiB heap; at 1 s it stays in the tens of MiB.
 */
@ConfigurationProperties("daiban.event-stream")
public record StreamProperties(@DefaultValue("200ms") Duration fetchDelay, @DefaultValue("10000") int cachedEvents,
                               @DefaultValue("1s") Duration cleanupDelay) {
}

package cn.daiban.query.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the query side follows the event table in the embedded mode ({@code daiban.event-stream.*}).
 *
 * @param fetchDelay   how long to wait before polling again once caught up (the worst-case lag of a projection)
 * @param cachedEvents how many recent events are kept in memory for processors that are close to the head
 */
@ConfigurationProperties("daiban.event-stream")
public record StreamProperties(@DefaultValue("200ms") Duration fetchDelay, @DefaultValue("10000") int cachedEvents) {
}

package cn.daiban.query.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the query side follows the event table in the embedded mode ({@code daiban.event-stream.*}).
 *
 * <p>By default every processor reads the table through a stream of its own (Axon's
 * {@code optimizeEventConsumption} off): what a processor holds in memory is its own batch and its work packages'
 * buffers, whatever the store's size and however far behind it is. Axon's shared cache ({@code shared-cache: true})
 * lets processors near the head share one reader and one copy of each event, but it can keep every event from a
 * lagging processor's position on in memory: the clean-up that lets a lagging reader go races with that reader
 * taking its next event (AxonFramework issue 2954), and the reader then keeps the chain of cached events alive
 * while it reads on its own. Following a 1 M seed, that held over 270,000 events and ran both applications out of
 * their 512 MiB heaps, whatever the clean-up delay. A processor with nothing to read asks the table again every
 * half second (the pooled coordinator's own pace), one small index range query per processor, unless the head is
 * watched.
 *
 * <p>With {@code watch-head} (on by default; a condition on the bean {@link EventTableHead}, so not a field here)
 * and without the shared cache, a thread reads the table's head every {@code head-interval} and calls the live
 * streams back when it moved ({@link LiveEvents}: the {@code delegations} group and the live feed), which then look
 * again within about that interval of an append, and at least every {@code head-heartbeat} whatever the head does;
 * the other groups keep the half-second look.
 *
 * @param sharedCache  Axon's shared cache of recent events (see above); off by default
 * @param fetchDelay   with the shared cache only: how long its reader waits before polling again once caught up
 * @param cachedEvents with the shared cache only: how many recent events it keeps
 * @param cleanupDelay with the shared cache only: how often a processor that has fallen behind the cache is sent
 *                     to read on its own
 * @param headInterval  how often the head is read
 * @param headHeartbeat the longest time between two call-backs, whatever the head does
 */
@ConfigurationProperties("daiban.event-stream")
public record StreamProperties(@DefaultValue("false") boolean sharedCache, @DefaultValue("200ms") Duration fetchDelay,
                               @DefaultValue("10000") int cachedEvents, @DefaultValue("1s") Duration cleanupDelay,
                               @DefaultValue("50ms") Duration headInterval,
                               @DefaultValue("500ms") Duration headHeartbeat) {
}

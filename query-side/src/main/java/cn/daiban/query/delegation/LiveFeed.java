package cn.daiban.query.delegation;

import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationTransferRefusedEvent;
import cn.daiban.kernel.delegation.DelegationTransferRequestedEvent;
import cn.daiban.query.infrastructure.LiveEvents;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds this node's live-update subscribers ({@link LiveUpdates}) from a stream of the events of its own, opened at
 * the head of the event store when the node starts: every query node sees every new event, whichever node's
 * projection segment handles it (a projection's segment belongs to one node, so publishing from the projection reached
 * only the subscribers of that node). It works alike on the JDBC event store (its stream's wait ends when the
 * event table's head moves, {@link LiveEvents}; at the latest after a second) and on Axon Server (pushed).
 * <p>
 * Notices: a matter commissioned or completed; a transfer between zones waiting for its receiver, or returned to its
 * sender. A notice is sent once the delegation's view shows the step (waiting at most {@link #VIEW_WAIT}), so a dashboard
 * that reloads on a notice sees it; after that it is sent anyway. The stream is not a processor: it keeps no token,
 * takes no segment and is not rebuilt; after a failure (the database away) it reopens where it was.
 */
@Component
class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    static final Duration VIEW_WAIT = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 100;
    /** The events that become live notices. */
    private static final java.util.Set<Class<?>> NOTICED = java.util.Set.of(DelegationCommissionedEvent.class,
            DelegationCompletedEvent.class, DelegationTransferRequestedEvent.class,
            DelegationTransferRefusedEvent.class);

    private final LiveEvents events;
    private final LiveUpdates live;
    private final JdbcTemplate jdbc;
    private final ScheduledExecutorService notices = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-feed-notices");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private volatile Thread reader;

    LiveFeed(LiveEvents events, LiveUpdates live, JdbcTemplate jdbc) {
        this.events = events;
        this.live = live;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        running = true;
        reader = new Thread(this::follow, "live-feed");
        reader.setDaemon(true);
        reader.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        running = false;
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
        notices.shutdownNow();
    }

    private void follow() {
        TrackingToken position = null;
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream =
                         events.openStream(position != null ? position : events.createHeadToken())) {
                while (running) {
                    if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    position = event.trackingToken();
                    // Only the events a dashboard is told about are read (their payloads opened), and only while
                    // a dashboard listens on this node: every other event passes by its type alone, and with no
                    // listener nothing polls the view for each new matter.
                    if (!live.listening() || !NOTICED.contains(event.getPayloadType())) {
                        continue;
                    }
                    try {
                        notice(event.getPayload());
                    } catch (RuntimeException e) {
                        // A payload that cannot be read is the projections' business (dead letters), not the feed's.
                        log.debug("live feed skipped an event: {}", e.toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("live feed interrupted, reopening in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void notice(Object payload) {
        if (payload instanceof DelegationCommissionedEvent e) {
            String id = e.delegationId().value();
            String station = e.stationCode().value();
            whenVisible(id, "select count(*) from delegation_view where delegation_id = ?",
                    () -> live.publish(station, "delegation-commissioned", id), System.nanoTime());
        } else if (payload instanceof DelegationCompletedEvent e) {
            String id = e.delegationId().value();
            whenVisible(id, "select count(*) from delegation_view where delegation_id = ? and status = 'COMPLETED'",
                    () -> {
                        String station = jdbc.query("select station_code from delegation_view where delegation_id = ?",
                                rs -> rs.next() ? rs.getString(1) : null, id);
                        if (station != null) {
                            live.publish(station, "delegation-completed", id);
                        }
                    }, System.nanoTime());
        } else if (payload instanceof DelegationTransferRequestedEvent e) {
            transferNotice(e.delegationId().value(), "transfer-requested", e.fromWindow(), e.toWindow(),
                    "select count(*) from delegation_view where delegation_id = ? and transfer_to is not null");
        } else if (payload instanceof DelegationTransferRefusedEvent e) {
            transferNotice(e.delegationId().value(), "transfer-returned", e.fromWindow(), e.toWindow(),
                    "select count(*) from delegation_view where delegation_id = ? and transfer_to is null"
                            + " and transfers_refused > 0");
        }
    }

    /**
     * A transfer between the zones or windows of a station (`003 三(五)`): the receiver hears one is waiting for it
     * (及时受理其他服务区转办的业务), and the first receiver, who stays responsible, hears it came back (退回转办), each with
     * the two windows so a window's screen can pick out its own.
     */
    private void transferNotice(String id, String type, String fromWindow, String toWindow, String visible) {
        whenVisible(id, visible, () -> {
            String station = jdbc.query("select station_code from delegation_view where delegation_id = ?",
                    rs -> rs.next() ? rs.getString(1) : null, id);
            if (station != null) {
                live.publish(station, type, id, java.util.Map.of("fromWindow", String.valueOf(fromWindow),
                        "toWindow", String.valueOf(toWindow)));
            }
        }, System.nanoTime());
    }

    /** Runs {@code send} once {@code visible} counts a row for the delegation, or once {@link #VIEW_WAIT} is over. */
    private void whenVisible(String delegationId, String visible, Runnable send, long since) {
        notices.schedule(() -> {
            try {
                Integer rows = jdbc.queryForObject(visible, Integer.class, delegationId);
                if ((rows == null || rows == 0) && System.nanoTime() - since < VIEW_WAIT.toNanos()) {
                    whenVisible(delegationId, visible, send, since);
                    return;
                }
                send.run();
            } catch (RuntimeException e) {
                log.debug("live notice for {} not sent: {}", delegationId, e.toString());
            }
        }, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
}

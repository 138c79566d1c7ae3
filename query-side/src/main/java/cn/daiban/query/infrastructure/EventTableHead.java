package cn.daiban.query.infrastructure;

import cn.daiban.kernel.eventstore.EventStoreLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the head of the command side's event table for the query side's streams ({@link AnnouncingEventStore}),
 * so a projection that has read everything looks again as soon as the command side appends, not at Axon's own pace.
 *
 * <p>Why: in the embedded mode nothing on the query side learns of another process's appends. Axon's pooled
 * coordinator, finding no event, looks again after 500 ms when its stream cannot call it back; the live feed's
 * stream after a second. That was most of the time from a command's answer to its matter in the views (the
 * benchmark's lag, p50 318–358 ms). Now one thread asks {@code max(global_index)} every {@code interval} (50 ms by
 * default: an index's last entry, one small query, whatever the store's size) and, when it moved, calls back every
 * stream that asked for it and wakes every stream waiting for an event.
 *
 * <p>Why not PostgreSQL {@code LISTEN}/{@code NOTIFY}: a transaction that notifies takes a database-wide lock from
 * its commit until its commit record is flushed, so notifying appends commit one at a time. Measured with pgbench
 * on this machine's PostgreSQL 17 (durable settings, one-row inserts, 16 clients): 5,000 transactions/s without the
 * notifying trigger, 700–1,200 with it. The event table's appends must not lose group commit for this.
 *
 * <p>Gaps: a transaction that took its global index before another's can commit just after it, when the head has
 * already moved. The head is therefore announced again at the look after each move, and at the latest every
 * {@code heartbeat} (500 ms, the coordinator's own pace before this; kept by a second thread, so a look that waits
 * for a connection does not hold it up), so a late commit is never seen later than it was before. If the table
 * cannot be read (the database away), every stream is called back at the heartbeat, as without this watch; the
 * failure is logged once until the table answers again.
 */
public class EventTableHead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventTableHead.class);
    private static final String HEAD = "select max(" + EventStoreLayout.GLOBAL_INDEX + ") from "
            + EventStoreLayout.SCHEMA + "." + EventStoreLayout.EVENT_TABLE;

    private final JdbcTemplate jdbc;
    private final long heartbeatNanos;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Object announcement = new Object();
    private final ScheduledExecutorService looker;
    /** How many times the head has been announced; a waiting stream waits for it to change. */
    private long announced;
    private Long head;
    private boolean movedAtLastLook;
    private boolean failing;
    private volatile long lastAnnouncedAt = System.nanoTime();
    private volatile long looks;

    /**
     * Starts looking at once, every {@code interval}; {@link #close()} stops it.
     *
     * @param dataSource the query side's database (the event table is read in its own schema)
     * @param interval   how often the head is read
     * @param heartbeat  the longest time between two announcements, whatever the head does
     */
    public EventTableHead(DataSource dataSource, Duration interval, Duration heartbeat) {
        if (interval.isNegative() || interval.isZero() || heartbeat.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the head's interval must be positive and at most its heartbeat: "
                    + interval + ", " + heartbeat);
        }
        // A template of its own: the application's holds back a replaying thread's writes (ReplayWriteBatching),
        // nothing this thread needs, and its reads must not wait on anything held there.
        this.jdbc = new JdbcTemplate(dataSource);
        this.heartbeatNanos = heartbeat.toNanos();
        // Two threads: the heartbeat must not wait for a look that waits for a connection (a busy pool).
        this.looker = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "event-table-head");
            thread.setDaemon(true);
            return thread;
        });
        looker.scheduleWithFixedDelay(this::look, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        looker.scheduleWithFixedDelay(this::beat, heartbeatNanos, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Calls {@code callback} each time the head is announced, until {@link #forget(Runnable)}. */
    void callBack(Runnable callback) {
        callbacks.add(callback);
    }

    void forget(Runnable callback) {
        callbacks.remove(callback);
    }

    /** How many announcements so far: what {@link #awaitAfter(long, long)} compares with. */
    long announcements() {
        synchronized (announcement) {
            return announced;
        }
    }

    /**
     * Waits at most {@code nanos} for an announcement after the {@code seen}-th; answers how many there have been.
     */
    long awaitAfter(long seen, long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        synchronized (announcement) {
            while (announced == seen) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(announcement, left);
            }
            return announced;
        }
    }

    /** The head as last read (null before the first read or while the table is empty); for tests and logs. */
    Long head() {
        synchronized (announcement) {
            return head;
        }
    }

    private void look() {
        boolean moved;
        try {
            Long now = jdbc.queryForObject(HEAD, Long.class);
            boolean recovered = failing;
            if (failing) {
                log.info("the event table's head is read again: {}", now);
                failing = false;
            }
            synchronized (announcement) {
                moved = now != null && !now.equals(head) || recovered;
                head = now;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot read the event table's head ({}); the streams look again every {} ms until it answers",
                        e.toString(), TimeUnit.NANOSECONDS.toMillis(heartbeatNanos));
                failing = true;
            }
            moved = false;
        }
        boolean announce = moved || movedAtLastLook;
        movedAtLastLook = moved;
        if (announce) {
            announce();
        }
        looks++; // looks never overlap (a fixed-delay task): no lost update
    }

    /** The heartbeat: an announcement when there has been none for {@code heartbeat}, whatever the looks do. */
    private void beat() {
        if (System.nanoTime() - lastAnnouncedAt >= heartbeatNanos) {
            announce();
        }
    }

    /** How many looks have ended (each with its announcement and call-backs, if any); for tests. */
    long looks() {
        return looks;
    }

    /** May run on both threads at once; Axon's call-back only schedules its coordinator (once, whoever calls). */
    private void announce() {
        lastAnnouncedAt = System.nanoTime();
        synchronized (announcement) {
            announced++;
            announcement.notifyAll();
        }
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("a stream's call-back failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        looker.shutdownNow();
    }
}

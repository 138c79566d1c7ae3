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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the head of the command side's event table for the query side's live streams ({@link LiveEvents}),
 * so a projection that has read everything looks again as soon as the command side appends, not at Axon's own pace.
 *
 * <p>Why: in the embedded mode nothing on the query side learns of another process's appends. Axon's pooled
 * coordinator, finding no event, looks again after 500 ms when its stream cannot call it back; the live feed's
 * stream after a second. That was most of the time from a command's answer to its matter in the views (the
 * benchmark's lag, p50 318–358 ms). Now a thread asks {@code max(global_index)} every {@code interval} (50 ms by
 * default: an index's last entry, one small query, whatever the store's size) and, when it moved, calls back every
 * stream that asked for it and wakes every stream waiting for an event.
 *
 * <p>Why not PostgreSQL {@code LISTEN}/{@code NOTIFY}: a transaction that notifies takes a lock shared by the whole
 * server from its commit until its commit record is flushed, so notifying appends commit one at a time. Measured
 * with pgbench on this machine's PostgreSQL 17 (durable settings, one-row inserts, 16 clients): 5,000
 * transactions/s without a notifying trigger, 700–1,200 with it. The event table's appends must not lose group
 * commit for this.
 *
 * <p>Gaps: a transaction that took its global index before another's can commit just after it, when the head has
 * already moved. The head is therefore announced again at the look after each move, and a second thread announces
 * whenever there has been no announcement for {@code heartbeat} (500 ms by default: the coordinator's own pace before
 * this), so a commit later than that is seen as late as before, not later: the heartbeat does not wait for a look
 * (one that waits for a connection from a busy pool, say). If the table cannot be read (the database away), the
 * streams are called at the heartbeat alone; the failure is logged once until the table answers again. A heartbeat
 * set above 500 ms gives that bound up for fewer idle look-ups.
 */
public class EventTableHead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventTableHead.class);
    private static final String HEAD = "select max(" + EventStoreLayout.GLOBAL_INDEX + ") from "
            + EventStoreLayout.SCHEMA + "." + EventStoreLayout.EVENT_TABLE;
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(5);

    private final JdbcTemplate jdbc;
    private final long heartbeatNanos;
    private final long beatNanos;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Object announcement = new Object();
    private final ScheduledExecutorService threads;
    /** How many times the head has been announced; a waiting stream waits for it to change. */
    private volatile long announced;
    private volatile Long head;
    private volatile Move lastMove;
    private volatile long lastAnnouncedAt = System.nanoTime();
    private volatile long looks;
    private volatile boolean closed;
    // Written by the looks alone, which never overlap (a fixed-delay task; the executor orders its runs).
    private boolean movedAtLastLook;
    private boolean failing;

    /**
     * Starts looking at once, every {@code interval}; {@link #close()} stops it.
     *
     * @param dataSource the query side's database (the event table is read in its own schema)
     * @param interval   how often the head is read (5 ms at least)
     * @param heartbeat  the longest time between two announcements, whatever the head does (at least the interval)
     */
    public EventTableHead(DataSource dataSource, Duration interval, Duration heartbeat) {
        if (interval.compareTo(SHORTEST_INTERVAL) < 0 || heartbeat.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the head's interval must be at least " + SHORTEST_INTERVAL.toMillis()
                    + " ms and at most its heartbeat: " + interval + ", " + heartbeat);
        }
        // A template of its own: the application's holds back a replaying thread's writes (ReplayWriteBatching),
        // nothing this needs. A look that hangs (a socket gone quiet) gives up after the timeout.
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout(5);
        this.heartbeatNanos = heartbeat.toNanos();
        // The heartbeat checks ten times per heartbeat (or at each interval, if shorter), and beats one check early,
        // so two announcements are never more than a heartbeat apart for want of a check.
        this.beatNanos = Math.max(SHORTEST_INTERVAL.toNanos(), Math.min(interval.toNanos(), heartbeatNanos / 10));
        AtomicInteger named = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "event-table-head-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.scheduleWithFixedDelay(this::look, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        threads.scheduleAtFixedRate(this::beat, beatNanos, beatNanos, TimeUnit.NANOSECONDS);
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
        return announced;
    }

    /**
     * Waits at most {@code nanos} for an announcement after the {@code seen}-th, or for the head to close; answers
     * how many there have been.
     */
    long awaitAfter(long seen, long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        synchronized (announcement) {
            while (announced == seen && !closed) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(announcement, left);
            }
            return announced;
        }
    }

    /** Whether {@link #close()} was called: no announcement will come. */
    boolean isClosed() {
        return closed;
    }

    /**
     * A move of the head: the index read, and the announcement count once that move was announced. The look after it
     * announces again, whatever it reads.
     */
    record Move(long head, long announcement) {
    }

    /** The last move announced (null before the first), for a stream that reached it ({@link QuietStream}). */
    Move lastMove() {
        return lastMove;
    }

    /** The head as last read (null before the first read or while the table is empty). */
    Long head() {
        return head;
    }

    /** How many looks have ended (each with its announcement and call-backs, if any). */
    long looks() {
        return looks;
    }

    private void look() {
        // Whatever escapes a periodic task ends it for good: nothing may.
        try {
            boolean moved;
            try {
                // A prepared statement (a plain one would be planned at every look, twenty times a second).
                Long now = jdbc.query(HEAD, statement -> { }, rows -> rows.next() ? (Long) rows.getObject(1) : null);
                boolean recovered = failing;
                if (failing) {
                    log.info("the event table's head is read again: {}", now);
                    failing = false;
                }
                moved = now != null && !now.equals(head) || recovered;
                head = now;
            } catch (RuntimeException e) {
                if (!failing && !closed) {
                    log.warn("cannot read the event table's head ({}); the streams are called every {} ms until it answers",
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
            Long read = head;
            if (moved && read != null && !closed) {
                // Published after the announcement it names; a heartbeat in between only makes the count larger.
                lastMove = new Move(read, announced);
            }
            looks++;
        } catch (Throwable e) {
            log.error("the event table's head: a look failed; looking on", e);
        }
    }

    /** The heartbeat: an announcement when there has been none for about {@code heartbeat}, whatever the looks do. */
    private void beat() {
        try {
            if (System.nanoTime() - lastAnnouncedAt >= heartbeatNanos - beatNanos) {
                announce();
            }
        } catch (Throwable e) {
            log.error("the event table's head: a heartbeat failed; beating on", e);
        }
    }

    /** May run on both threads at once; Axon's call-back only schedules its coordinator (once, whoever calls). */
    private void announce() {
        if (closed) {
            return;
        }
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

    /** Stops both threads (waiting a second for a look under way) and wakes every stream waiting on the head. */
    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
        synchronized (announcement) {
            announcement.notifyAll();
        }
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

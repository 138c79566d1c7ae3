package cn.daiban.query.replay;

import cn.daiban.query.deadletter.DeadLetters;
import cn.daiban.query.deadletter.FailedEvent;
import cn.daiban.query.delegation.LiveUpdates;
import cn.daiban.query.infrastructure.TokenClaims;
import jakarta.persistence.EntityManager;
import org.axonframework.config.ProcessingGroup;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Rebuilds a projection from the start of the event stream while the old read model keeps serving, then switches
 * over at once. The rebuild runs in one transaction: temporary tables shadow the projection's tables (PostgreSQL
 * looks in {@code pg_temp} first), every event replays into them through the projection itself; once caught up,
 * the live processor is paused, the last events are drained, the live tables are made equal to the rebuilt ones
 * (only the rows that differ are written, {@link #switchOver}) and the processor's tokens set to the rebuild's
 * position — all in that transaction, so readers see the old rows until the commit and the new ones after it.
 * Progress (events, position, rate, time left; after the switch, the rows it wrote per table) is logged and
 * reported. JPA-kept projections take part the same way: their entities are flushed into the shadow tables before
 * the switch. A processing group without a known table list would be rebuilt in place (Axon's reset).
 * Either way the group's dead letters are cleared: the rebuild replays the parked events too. An event that still
 * cannot be processed makes a shadow rebuild fail (its handlers run without the dead-letter queue, in one
 * transaction), and the old read model and its dead letters stay; the progress names that event and the cause
 * ({@code failedEvent}), so an administrator knows what to evict.
 *
 * <p>Events evicted for the group ({@code query_side.dead_letter_eviction}: an administrator's recorded decision
 * to give the event up for that group) are skipped by a shadow rebuild: the event store is append-only, so without
 * this one eviction would fail every later rebuild. The evictions are read once at the start of the rebuild (an
 * eviction made while it runs counts from the next one); each skip is logged once and counted
 * ({@code evictedEventsSkipped}). The eviction records are kept by the rebuild (only the dead letters are cleared),
 * so every later rebuild skips them again. A reset in place replays through the live processor, whose dead-letter
 * queue parks such an event again (assumption: groups without a table list are not where evictions matter).
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    /**
     * How long a rebuild waits for the next event below its target position before it fails (the old read model
     * stays): it never switches over short of the head. {@code daiban.rebuilds.idle-limit}, default 2 minutes.
     */
    private final Duration idleLimit;

    /** The tables each projection keeps. */
    private static final Map<String, List<String>> SHADOWABLE = Map.of(
            "delegations", List.of("delegation_view", "delegation_step", "evaluation_view", "phone_follow_up",
                    "work_log_entry", "delegation_figure", "delegation_open_figure", "delegation_category_figure",
                    "delegation_facet_figure"),
            "consultations", List.of("consultation_view"),
            "stations", List.of("station_directory", "station_application"),
            "catalogue", List.of("service_item", "service_item_revision", "client_category_view"),
            "agents", List.of("agent", "agent_record", "agent_workload"),
            "calendar", List.of("calendar_year"),
            "statistics-submissions", List.of("statistics_submission"),
            "complaints", List.of("complaint_view"),
            "appointments", List.of("appointment_view"),
            "public-hours", List.of("public_station_hours"));

    /**
     * The groups whose projection writes through the JDBC template only: their rebuild sends each event's writes
     * in one round trip ({@link ReplayWriteBatching}). Those that also write through JPA (agents, stations,
     * catalogue, calendar) are replayed statement by statement, since their JPA queries would not see writes held
     * back.
     */
    private static final Set<String> BATCHED = Set.of("delegations", "consultations", "statistics-submissions",
            "complaints", "appointments");

    private final EventStore events;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TokenClaims claims;
    private final ReplayWriteBatching jdbc;
    private final TransactionTemplate transaction;
    /** The transaction a rebuild's events are read in, on their reader's thread ({@link PrefetchedEvents}). */
    private final TransactionTemplate reading;
    private final Map<String, AnnotationEventHandlerAdapter> projections;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Follows resets in place by looking at their processors' tokens now and then. Never the shadow rebuilds'
     * worker: a reset in place is done by the live processor, and following it must not hold up the shadow
     * rebuilds queued behind it ({@code all} used to wait on the first reset in place for good on a quiet store).
     */
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild-follow");
        thread.setDaemon(true);
        return thread;
    });

    private final EntityManager entityManager;
    /**
     * {@code daiban.rebuilds.batch-writes} (default true): false replays statement by statement, as before the
     * writes were batched (a way back should a projection turn out to depend on an update's count).
     */
    private volatile boolean batchWrites;
    private final DeadLetters deadLetters;

    ProjectionRebuilds(EventStore events, EventProcessingConfiguration processing, TokenStore tokens,
                       TokenClaims claims, ReplayWriteBatching jdbc,
                       PlatformTransactionManager transactions, ApplicationContext context,
                       EntityManager entityManager, DeadLetters deadLetters,
                       @org.springframework.beans.factory.annotation.Value("${daiban.rebuilds.batch-writes:true}")
                       boolean batchWrites,
                       @org.springframework.beans.factory.annotation.Value("${daiban.rebuilds.idle-limit:2m}")
                       Duration idleLimit) {
        this.batchWrites = batchWrites;
        this.idleLimit = idleLimit;
        this.events = events;
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.tokens = tokens;
        this.claims = claims;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.transaction = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        Map<String, AnnotationEventHandlerAdapter> found = new java.util.HashMap<>();
        context.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(bean -> {
            ProcessingGroup group = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ProcessingGroup.class);
            if (group != null && SHADOWABLE.containsKey(group.value())) {
                found.put(group.value(), new AnnotationEventHandlerAdapter(bean));
            }
        });
        this.projections = Map.copyOf(found);
    }

    /** Where a rebuild stands. */
    public static final class Progress {
        final String group;
        final String method;
        final Instant started = Instant.now();
        final long headAtStart;
        final AtomicLong processed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        volatile long position;
        volatile String state = "RUNNING";
        volatile Instant finished;
        volatile String error;
        volatile FailedEvent failedEvent;
        /** Per table, the rows the switch-over deleted and inserted; empty until it switched. */
        volatile Map<String, Written> rowsWritten = Map.of();

        Progress(String group, String method, long headAtStart) {
            this.group = group;
            this.method = method;
            this.headAtStart = headAtStart;
        }

        public Map<String, Object> report() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("processingGroup", group);
            report.put("method", method);
            report.put("state", state);
            report.put("eventsProcessed", processed.get());
            report.put("evictedEventsSkipped", skipped.get());
            report.put("position", position);
            report.put("headPositionAtStart", headAtStart);
            double seconds = Math.max(0.001, Duration.between(started, finished != null ? finished : Instant.now())
                    .toMillis() / 1000.0);
            double rate = processed.get() / seconds;
            report.put("eventsPerSecond", Math.round(rate * 10) / 10.0);
            long left = Math.max(0, headAtStart - position);
            report.put("estimatedSecondsLeft", "RUNNING".equals(state) && rate > 0 ? Math.round(left / rate) : 0);
            report.put("startedAt", started.toString());
            // Always present (null while running), so a benchmark can read the outcome of any rebuild the same way.
            report.put("finishedAt", finished == null ? null : finished.toString());
            if (!rowsWritten.isEmpty()) {
                // What the switch changed in the live tables: all zero when the views were already right.
                Map<String, Object> written = new java.util.TreeMap<>();
                rowsWritten.forEach((table, rows) -> written.put(table,
                        Map.of("deleted", rows.deleted(), "inserted", rows.inserted())));
                report.put("rowsWritten", written);
            }
            if (error != null) {
                report.put("error", error);
            }
            if (failedEvent != null) {
                report.put("failedEvent", failedEvent.report());
            }
            return report;
        }
    }

    public List<String> groups() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    /** Starts rebuilding {@code group}; answers its progress. */
    public synchronized Progress start(String group) {
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProcessingGroupException(group, groups()));
        Progress running = progress.get(group);
        if (running != null && "RUNNING".equals(running.state)) {
            return running;
        }
        refuseIfProcessedElsewhere(List.of(group));
        long head = position(events.createHeadToken());
        Progress started = new Progress(group, projections.containsKey(group) ? "SHADOW_AND_SWITCH" : "RESET_IN_PLACE",
                head);
        progress.put(group, started);
        if (projections.containsKey(group)) {
            worker.submit(() -> shadowRebuild(processor, started));
        } else {
            processor.shutDown();
            processor.resetTokens();
            transaction.executeWithoutResult(status -> clearDeadLetters(group));
            processor.start();
            followInPlace(processor, started);
        }
        log.info("rebuilding projection {} ({}) up to at least position {}", group, started.method, head);
        return started;
    }

    /** Starts rebuilding every group, once none is processed by another node (else none is started). */
    public synchronized List<Progress> startAll() {
        refuseIfProcessedElsewhere(groups());
        return groups().stream().map(this::start).toList();
    }

    /**
     * A rebuild stops and starts the live processor of this node only. Another query-side node processing the group
     * meanwhile would go on writing the live tables (or take the segments this node releases) and hold the tokens the
     * switch-over must set: the shadow rebuild would fail only after its whole replay, and a reset in place would fail
     * to claim the tokens. So a rebuild is refused at once (409) while another node holds a live claim on a segment of
     * the group: one written by another owner than this node, extended within the claim timeout. A claim older than
     * that belongs to a node that stopped; the segment is free to take. Assumption: the nodes' clocks agree to well
     * within the timeout (ten seconds), as Axon's own claims already assume.
     */
    private void refuseIfProcessedElsewhere(List<String> groups) {
        Instant fresh = Instant.now().minus(claims.timeout());
        List<String> elsewhere = new ArrayList<>();
        jdbc.query("""
                        select processor_name, segment, owner, time_stamp from token_entry
                        where processor_name = any(?) and owner is not null and owner <> ?
                        order by processor_name, segment""",
                (RowCallbackHandler) rs -> {
                    if (claimedSince(rs.getString("time_stamp"), fresh)) {
                        elsewhere.add(rs.getString("processor_name") + " segment " + rs.getInt("segment")
                                + " by " + rs.getString("owner"));
                    }
                }, groups.toArray(String[]::new), claims.nodeId());
        if (!elsewhere.isEmpty()) {
            throw new ProcessedElsewhereException(elsewhere);
        }
    }

    /** Whether a claim stamped {@code stamp} (Axon's ISO-8601 text) is still live; an unreadable stamp counts as live. */
    private static boolean claimedSince(String stamp, Instant fresh) {
        try {
            return !Instant.parse(stamp).isBefore(fresh);
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    public Progress status(String group) {
        Progress known = progress.get(group);
        if (known == null) {
            processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow(() -> new UnknownProcessingGroupException(group, groups()));
            throw new NoRebuildException(group);
        }
        return known;
    }

    private void shadowRebuild(StreamingEventProcessor processor, Progress p) {
        try {
            Map<String, Written> written = LiveUpdates.muted(() -> transaction.execute(status ->
                    batchWrites && BATCHED.contains(p.group)
                            ? jdbc.heldBack(() -> replayAndSwitch(processor, p), true) : replayAndSwitch(processor, p)));
            // Reported once committed: a switch rolled back afterwards (the tokens, the commit) wrote nothing.
            p.rowsWritten = Map.copyOf(written);
            // The live processor follows on from the switched tables at once: the vacuum below does not block it.
            processor.start();
            tidyAfterSwitch(p.group, p.rowsWritten);
            p.state = "SWITCHED";
            log.info("rebuild of {} switched over: {}", p.group, p.report());
        } catch (RuntimeException e) {
            p.state = "FAILED";
            p.error = e.getMessage();
            log.error("rebuild of {} failed; the old read model stays", p.group, e);
        } finally {
            p.finished = Instant.now();
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    /**
     * After the switch a live table holds the rows it changed beside their old versions, dead, and the pages they
     * are on are no longer known to be all-visible: an index-only scan (the ledger's filtered totals, V163) reads
     * those rows from the table until autovacuum comes by, and when many rows changed the planner plans with stale
     * statistics (measured when every row was rewritten: the item and agent totals at 116 k matters, 14–21 ms after
     * autovacuum, took 98–110 ms right after a rebuild). So each table the switch wrote is vacuumed here, and
     * analysed too when the rows it deleted and inserted pass autovacuum's threshold for analysing it
     * ({@code autovacuum_analyze_threshold} + {@code autovacuum_analyze_scale_factor} × the table's rows; the server's
     * settings, not a table's own, of which there are none; only the switch's rows counted, not what the live
     * processor changed since the last analyse, which autovacuum still sees). It runs after the rebuild's transaction
     * (VACUUM refuses to run inside one), while the live processor already runs (VACUUM does not block its writes),
     * and before the rebuild reports SWITCHED. A table the switch did not write is as the
     * live processor left it, autovacuum's as before. A failure is logged and the rebuild stands: autovacuum comes
     * by later. (A read transaction opened before the switch and still open, a long export say, keeps the vacuum
     * from marking the pages it can still see; autovacuum finishes.)
     */
    private void tidyAfterSwitch(String group, Map<String, Written> written) {
        for (String table : SHADOWABLE.get(group)) {
            long rows = written.getOrDefault(table, new Written(0, 0)).rows();
            if (rows == 0) {
                continue;
            }
            try {
                Double threshold = jdbc.queryForObject("""
                        select current_setting('autovacuum_analyze_threshold')::float8
                            + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(reltuples, 0)
                        from pg_class where oid = cast(? as regclass)""", Double.class, "query_side." + table);
                boolean analyse = threshold == null || rows > threshold;
                jdbc.execute("vacuum " + (analyse ? "(analyze) " : "") + "query_side." + table);
            } catch (RuntimeException e) {
                log.warn("vacuum of {} after the rebuild of {} failed; autovacuum will come by", table, group, e);
            }
        }
    }

    /**
     * Makes a live table equal to its shadow, writing only the rows that differ: it deletes the live rows the shadow
     * lacks or holds otherwise, then inserts the shadow's rows the live table no longer has, and answers how many rows
     * it deleted and inserted (a row put right counts in both). A row is the same when its image is, byte for byte
     * ({@code *=}, PostgreSQL's record image comparison, as {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} uses):
     * exact for every column type, so {@code 1.0} and {@code 1.00} in a {@code jsonb} differ, which {@code =} holds
     * equal. Rows are paired by the primary key; a table without one is replaced whole. Readers still see the old rows
     * until the rebuild commits. A unique index the live table has besides its key cannot be broken on the way: the
     * shadow has it too ({@link #shadow}), so a row kept is one the shadow holds as it is, and no row inserted can
     * take its value.
     *
     * <p>Why not replace every row, as the switch did before: a rebuild mostly finds the rows as they were (it is run
     * to check the views, after a fix that touched some rows, to fill a new column), and replacing them all wrote each
     * row anew into every index of the live table, left as many dead rows for the vacuum, and went to the write-ahead
     * log whole, whatever changed (measured on the 20 k bench store, for a rebuild that changed nothing: 101 MB of WAL
     * against 258 kB, and the switch and the vacuum after it 2.5–2.6 s against 1.0 s). What it costs when most rows did
     * change: the comparison and the search for the rows to insert, on top of the same writes (measured on the same
     * store with every row of {@code delegation_view} and {@code delegation_step} changed: 2.5–2.9 s against 1.6 s).
     */
    private Written switchOver(String table) {
        String live = "query_side." + table;
        String shadow = "pg_temp." + table;
        List<String> key = jdbc.queryForList("""
                select quote_ident(a.attname) from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = cast(? as regclass) and i.indisprimary
                order by array_position(cast(i.indkey as int2[]), a.attnum)""", String.class, live);
        if (key.isEmpty()) {
            return new Written(write("delete from " + live), write("insert into " + live + " select * from " + shadow));
        }
        String paired = key.stream().map(k -> "s." + k + " = l." + k).collect(Collectors.joining(" and "));
        // The shadow was never analysed: its key's statistics let PostgreSQL join it by a merge or a hash rather than
        // look each row up.
        jdbc.execute("analyze " + shadow + " (" + String.join(", ", key) + ")");
        long deleted = write("delete from " + live + " l where not exists (select from " + shadow + " s where "
                + paired + " and l.* *= s.*)");
        return new Written(deleted, write("insert into " + live + " select s.* from " + shadow + " s"
                + " where not exists (select from " + live + " l where " + paired + ")"));
    }

    /** What a switch-over wrote into one live table. */
    record Written(long deleted, long inserted) {
        long rows() {
            return deleted + inserted;
        }
    }

    /** A statement's count of rows written (through the template, so what is held back is sent first). */
    private long write(String sql) {
        Integer rows = jdbc.execute((StatementCallback<Integer>) statement -> statement.executeUpdate(sql));
        return rows == null ? 0 : rows;
    }

    /** The rebuild's transaction: replay into the shadow tables, then switch over (see the class comment). */
    private Map<String, Written> replayAndSwitch(StreamingEventProcessor processor, Progress p) {
        shadow(p.group);
        AnnotationEventHandlerAdapter projection = projections.get(p.group);
        Set<String> evicted = deadLetters.evictedEventIds(p.group);
        TrackingToken last = null;
        Instant lastLog = Instant.now();
        // Read (and decoded) on a thread of their own, in a transaction of their own: the rebuild's connection
        // carries its writes, sent ahead while it goes on (ReplayWriteBatching, PrefetchedEvents).
        try (PrefetchedEvents stream = new PrefetchedEvents("projection-rebuild-read",
                () -> events.openStream(null), work -> reading.executeWithoutResult(status -> work.run()))) {
            boolean paused = false;
            // Read to the head as of the start (a position fixed before reading: on Axon Server the
            // stream can have nothing buffered before its first batch, so "nothing available" never means
            // "done"); then pause the live processor and read to the head as of the pause, so the
            // switch-over never happens short of events the live processor has already handled.
            long target = p.headAtStart;
            while (true) {
                while (target >= 0 && (last == null || position(last) < target)) {
                    TrackedEventMessage<?> event = stream.next(idleLimit);
                    if (event == null) {
                        throw new IllegalStateException("the event stream stopped at " + position(last)
                                + " short of position " + target + "; not switching over");
                    }
                    if (evicted.contains(event.getIdentifier())) {
                        p.skipped.incrementAndGet();
                        log.warn("rebuild of {} skips event {} ({}), evicted for the group", p.group,
                                event.getIdentifier(), event.getPayloadType().getName());
                    } else if (projection.canHandle(event)) {
                        try {
                            jdbc.startOf(event); // the unit a write gathered by the handler is told of
                            projection.handle(event);
                            // The event's writes are held back and sent with those of the next events
                            // (nothing is held back when the group is not batched).
                            jdbc.endOf(event);
                        } catch (Exception failure) {
                            throw stopped(p, failure, event);
                        }
                    }
                    last = event.trackingToken();
                    p.position = position(last);
                    p.processed.incrementAndGet();
                    if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                        lastLog = Instant.now();
                        log.info("rebuild of {}: {}", p.group, p.report());
                    }
                }
                if (paused) {
                    break;
                }
                // Caught up: pause the live processor, then drain what arrived meanwhile. The head is read through
                // Axon's engine, which joins this transaction: what was sent ahead on its connection goes first.
                jdbc.awaitSentAhead();
                processor.shutDown();
                paused = true;
                target = position(events.createHeadToken());
            }
            // The last held-back writes; a failure names the event that made the write.
            jdbc.send();
            entityManager.flush();
            entityManager.clear();
            Map<String, Written> written = new LinkedHashMap<>();
            for (String table : SHADOWABLE.get(p.group)) {
                written.put(table, switchOver(table));
            }
            clearDeadLetters(p.group);
            int[] segments = tokens.fetchSegments(processor.getName());
            for (int segment : segments) {
                // Claimed first: storeToken alone refuses a claim another owner left, even one past its timeout
                // (it stamps the entry before it checks the claim); fetchToken takes such a claim over.
                tokens.fetchToken(processor.getName(), segment);
                tokens.storeToken(last, processor.getName(), segment);
                tokens.releaseClaim(processor.getName(), segment);
            }
            return written;
        } catch (FailedEvent.ReplayFailedException e) {
            throw e;
        } catch (Exception e) {
            throw stopped(p, e, null);
        }
    }

    /**
     * Why a rebuild stopped, naming the event to blame where there is one: the event whose write failed (a held-back
     * write names its unit, {@link ReplayWriteBatching.UnitFailedException}), else {@code handling}, the event whose
     * handler failed (null outside a handler). A round trip sent ahead that failed as well was made of earlier
     * events' writes, so its failure is the one named ({@link ReplayWriteBatching#withFailureSentAhead}). Merged
     * counter rows name no event: evicting the one being handled would evict an innocent one.
     */
    private RuntimeException stopped(Progress p, Exception thrown, TrackedEventMessage<?> handling) {
        Exception failure = jdbc.withFailureSentAhead(thrown);
        if (failure instanceof ReplayWriteBatching.MergedRowsFailedException merged) {
            return new IllegalStateException("rebuild of " + p.group + " stopped; the old read model stays", merged);
        }
        TrackedEventMessage<?> culprit = failure instanceof ReplayWriteBatching.UnitFailedException unit
                && unit.unit() instanceof TrackedEventMessage<?> sent ? sent : handling;
        if (culprit == null) {
            return new IllegalStateException(failure);
        }
        FailedEvent failed = FailedEvent.of(p.group, culprit, failure);
        p.failedEvent = failed;
        return new FailedEvent.ReplayFailedException("rebuild of " + p.group + " stopped; the old read model stays",
                failed, failure);
    }

    /**
     * Creates the group's temporary tables, shadowing the live ones for the rest of the current transaction, and
     * makes PostgreSQL plan every statement of this connection again.
     *
     * <p>Why the second step: the pooled connection keeps server-side prepared statements (the JDBC driver prepares
     * a statement on the server after a few executions and reuses it by its text). PostgreSQL re-plans such a
     * statement when a table it uses changes or when the search path changes, but not when a new table with the
     * same name appears earlier in the search path. A statement prepared on this connection after an earlier
     * rebuild (the connection then already has its temporary schema) by a live batch stays bound to the live
     * table: the rebuild's writes went to the live rows (an insert "on conflict do nothing" did nothing, so the
     * row was missing from the shadow, and the switch-over then deleted it from the live table) and its reads saw
     * the live rows. {@code discard plans} drops every cached plan of the session (it may run inside a
     * transaction; the prepared statements stay), so each is analysed again, against the shadow tables. When the
     * transaction ends the temporary tables are dropped, which invalidates the plans made against them.
     */
    void shadow(String group) {
        for (String table : SHADOWABLE.get(group)) {
            jdbc.execute("create temporary table " + table + " (like query_side." + table
                    + " including all excluding indexes) on commit drop");
            for (String index : uniqueIndexes(table)) {
                jdbc.execute(index);
            }
        }
        jdbc.execute("discard plans");
    }

    /**
     * The live table's unique indexes (its primary key among them), as statements that create them on its shadow:
     * the only indexes a shadow gets. The replay needs them: its upserts name them as arbiters ("on conflict"), and
     * its handlers find rows by them (a matter by its id, its steps and evaluations by theirs). The live table's
     * other indexes serve the views' filters and orders, which nobody reads from a shadow; each one made every
     * replayed insert, and every update that cannot stay on its page (a shadow's pages are full), write an index
     * entry more, and was then thrown away at the switch, which copies the rows into the live table and its indexes.
     * Assumption, checked by the rebuild tests: no handler of a shadowed group looks rows up by anything but a
     * unique key (it would still work, reading the shadow whole).
     */
    private List<String> uniqueIndexes(String table) {
        List<String> statements = new java.util.ArrayList<>();
        for (String definition : jdbc.queryForList("""
                        select pg_get_indexdef(i.indexrelid) from pg_index i
                        where i.indrelid = cast(? as regclass) and i.indisunique order by i.indexrelid""",
                String.class, "query_side." + table)) {
            // "CREATE UNIQUE INDEX name ON [schema.]table USING …": unnamed on the shadow (a temporary table's index
            // lives in pg_temp; a name could collide with the live index's in the search path's view).
            String onShadow = definition.replaceFirst(
                    "^CREATE UNIQUE INDEX \\S+ ON (ONLY )?(query_side\\.)?" + table + " ",
                    "CREATE UNIQUE INDEX ON pg_temp." + table + " ");
            if (!onShadow.startsWith("CREATE UNIQUE INDEX ON pg_temp.")) {
                throw new IllegalStateException("unexpected index definition of " + table + ": " + definition);
            }
            statements.add(onShadow);
        }
        return statements;
    }

    /**
     * A rebuild replays every event of the group, the parked ones included, so its dead letters are obsolete: they
     * are removed in the rebuild's own transaction (the shadow rebuild has handled each of them without failure, or
     * it would have failed as a whole and changed nothing), or, for a reset in place, before the replay starts (an
     * event that still fails is parked again). Evictions recorded stay.
     */
    private void clearDeadLetters(String group) {
        int cleared = jdbc.update("delete from query_side.dead_letter_entry where processing_group = ?", group);
        if (cleared > 0) {
            log.info("rebuild of {} clears its {} parked event(s)", group, cleared);
        }
    }

    /**
     * Follows a reset in place until every segment of the live processor has reached the head as of the start
     * (captured before the reset). Decided by the tokens' positions only: not by {@code isReplaying()} (it turns
     * false only once an event newer than the reset has been handled, which on a quiet store may never come), nor
     * by "nothing available" (on Axon Server the stream can have nothing buffered before its first batch). Checked
     * every 200 ms on the follower thread, which never waits for anything itself.
     */
    private void followInPlace(StreamingEventProcessor processor, Progress p) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable check = () -> {
            try {
                var statuses = processor.processingStatus().values();
                // A segment whose reset token has handled nothing yet has no position: -1, "before the first event".
                long position = statuses.stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
                p.position = Math.max(position, 0);
                p.processed.set(Math.max(position, 0));
                if (!statuses.isEmpty() && position >= p.headAtStart) {
                    p.state = "CAUGHT_UP";
                    p.finished = Instant.now();
                    log.info("rebuild of {}: {}", p.group, p.report());
                    self[0].cancel(false);
                }
            } catch (RuntimeException e) {
                log.warn("rebuild of {}: could not read the processor's progress", p.group, e);
            }
        };
        synchronized (self) {
            self[0] = follower.scheduleWithFixedDelay(() -> {
                synchronized (self) {
                    check.run();
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** A token's position; -1 for none (an empty store's head). */
    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** No such processing group: 404. */
    public static class UnknownProcessingGroupException extends RuntimeException {
        public UnknownProcessingGroupException(String group, List<String> known) {
            super("no processing group " + group + " (known: " + known + ")");
        }
    }

    /** Another node processes the group: 409, naming the segments and their owners. */
    public static class ProcessedElsewhereException extends RuntimeException {
        public ProcessedElsewhereException(List<String> claims) {
            super("another query-side node processes " + String.join(", ", claims) + " (claimed within the last "
                    + "claim timeout); a rebuild stops this node's processor only: stop that group on the other nodes "
                    + "(or the nodes), then rebuild here");
        }
    }

    /** No rebuild of that group was started since this node started: 404. */
    public static class NoRebuildException extends RuntimeException {
        public NoRebuildException(String group) {
            super("no rebuild of " + group + " has been started on this node");
        }
    }
}

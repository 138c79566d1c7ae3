package cn.daiban.query.asof;

import cn.daiban.query.deadletter.DeadLetters;
import cn.daiban.query.deadletter.FailedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cn.daiban.query.replay.ReplayWriteBatching;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Views as they stood at a past moment, for audits of past periods: in one transaction, temporary tables shadow
 * the delegation and consultation read models (PostgreSQL looks in {@code pg_temp} first), every stored event up
 * to the moment is replayed into them through the very projections that keep the live views, the usual queries
 * read them, and the transaction is rolled back — the live views are never touched. The work grows with the
 * number of events up to the moment.
 *
 * <p>Events evicted for a group ({@code query_side.dead_letter_eviction}) are not replayed into that group's
 * projection, as in a rebuild: the live view is without them too. The evictions are read once per view; each skip
 * is logged once. An event that fails and is not evicted fails the view, naming the event and the cause.
 */
@Component
public class PointInTime {

    private static final Logger log = LoggerFactory.getLogger(PointInTime.class);
    private static final List<String> SHADOWED = List.of("delegation_view", "delegation_step", "evaluation_view",
            "phone_follow_up", "work_log_entry", "delegation_figure", "delegation_open_figure",
            "delegation_category_figure", "delegation_facet_figure",
            "consultation_view", "complaint_view", "appointment_view");
    private static final java.util.Set<String> GROUPS = java.util.Set.of("delegations", "consultations", "complaints",
            "appointments");

    /** How long the replay waits for the next event below the head before it gives up (and answers an error). */
    private static final int IDLE_LIMIT_SECONDS = 60;

    private final EventStore events;
    private final ReplayWriteBatching jdbc;
    private final TransactionTemplate transaction;
    /** The projections replayed, by processing group. */
    private final Map<String, AnnotationEventHandlerAdapter> projections;
    private final DeadLetters deadLetters;

    PointInTime(EventStore events, ReplayWriteBatching jdbc, PlatformTransactionManager transactions,
                org.springframework.context.ApplicationContext context, DeadLetters deadLetters) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        // In the context's order, as before (a projection may read what another wrote for the same event).
        Map<String, AnnotationEventHandlerAdapter> found = new LinkedHashMap<>();
        context.getBeansWithAnnotation(org.axonframework.config.ProcessingGroup.class).values().forEach(bean -> {
            var group = org.springframework.core.annotation.AnnotationUtils.findAnnotation(
                    org.springframework.aop.support.AopUtils.getTargetClass(bean),
                    org.axonframework.config.ProcessingGroup.class);
            if (group != null && GROUPS.contains(group.value())) {
                found.put(group.value(), new AnnotationEventHandlerAdapter(bean));
            }
        });
        this.projections = java.util.Collections.unmodifiableMap(found);
    }

    private static long position(org.axonframework.eventhandling.TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** An event handled by a group's projection: the unit whose held-back writes are told of a failure. */
    private record Handled(String group, TrackedEventMessage<?> event) {
    }

    /** Runs {@code view} against the read models as they stood at {@code moment}. */
    public <T> T asOf(Instant moment, Supplier<T> view) {
        // Every projection replayed here writes through the JDBC template only, so each event's writes go in one
        // round trip (ReplayWriteBatching); the view itself runs after the last of them is sent.
        return cn.daiban.query.delegation.LiveUpdates.muted(() -> transaction.execute(status -> jdbc.heldBack(() -> {
            status.setRollbackOnly();
            for (String table : SHADOWED) {
                jdbc.execute("create temporary table " + table + " (like query_side." + table
                        + " including all) on commit drop");
            }
            // Statements this pooled connection prepared on the server before (a live batch's, or the view's own
            // queries) stay planned against the live tables when a same-named temporary table appears; planning
            // them again makes both the replay and the view use the shadow tables (see ProjectionRebuilds#shadow).
            jdbc.execute("discard plans");
            long replayed = 0;
            long skipped = 0;
            Map<String, Set<String>> evicted = new HashMap<>();
            projections.keySet().forEach(group -> evicted.put(group, deadLetters.evictedEventIds(group)));
            // The event store's stream (the PostgreSQL table, or Axon Server) from the start, up to the head as it
            // is now, fixed before reading: Axon Server's stream can have nothing buffered before its first batch
            // arrives, so "nothing available" never means "done". Events after the moment are skipped rather than
            // ending the read: positions are not ordered by time (a transaction commits after its timestamp).
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                long head = position(events.createHeadToken());
                long position = -1;
                while (position < head) {
                    if (!stream.hasNextAvailable(IDLE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the event stream stopped at " + position
                                + " short of the head " + head);
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    position = position(event.trackingToken());
                    if (position > head) {
                        break;
                    }
                    if (event.getTimestamp().isAfter(moment)) {
                        continue;
                    }
                    for (Map.Entry<String, AnnotationEventHandlerAdapter> projection : projections.entrySet()) {
                        if (evicted.get(projection.getKey()).contains(event.getIdentifier())) {
                            skipped++;
                            log.info("point-in-time view skips event {} ({}) in {}: evicted for the group",
                                    event.getIdentifier(), event.getPayloadType().getName(), projection.getKey());
                        } else if (projection.getValue().canHandle(event)) {
                            try {
                                jdbc.startOf(new Handled(projection.getKey(), event));
                                projection.getValue().handle(event);
                                jdbc.endOf(new Handled(projection.getKey(), event));
                            } catch (Exception failure) {
                                if (failure instanceof ReplayWriteBatching.MergedRowsFailedException merged) {
                                    throw merged; // counter rows of many events: no one event to name
                                }
                                // A held-back write that fails names the event (and group) that made it.
                                Handled culprit = failure instanceof ReplayWriteBatching.UnitFailedException unit
                                        && unit.unit() instanceof Handled handled ? handled
                                        : new Handled(projection.getKey(), event);
                                throw new FailedEvent.ReplayFailedException("replay up to " + moment + " failed",
                                        FailedEvent.of(culprit.group(), culprit.event(), failure), failure);
                            }
                        }
                    }
                    replayed++;
                }
            } catch (FailedEvent.ReplayFailedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("replay up to " + moment + " failed", e);
            }
            log.info("replayed {} events up to {} for a point-in-time view ({} evicted skipped)", replayed, moment,
                    skipped);
            try {
                jdbc.send();
            } catch (ReplayWriteBatching.UnitFailedException failure) {
                Handled culprit = (Handled) failure.unit();
                throw new FailedEvent.ReplayFailedException("replay up to " + moment + " failed",
                        FailedEvent.of(culprit.group(), culprit.event(), failure), failure);
            }
            return view.get();
        })));
    }
}

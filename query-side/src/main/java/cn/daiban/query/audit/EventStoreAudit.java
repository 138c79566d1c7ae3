package cn.daiban.query.audit;

import cn.daiban.kernel.audit.AuditHistoryResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse;
import cn.daiban.kernel.audit.ChainVerificationResponse.Break;
import cn.daiban.kernel.audit.ChainVerificationResponse.Problem;
import cn.daiban.kernel.audit.FetchAuditHistoryQuery;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.eventstore.EventHash;
import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.query.audit.AuditEventSource.AuditEvents;
import cn.daiban.query.infrastructure.DeadLetterConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads the event store itself (not a projection that could drift), through Axon's event-store API, so the same
 * code serves the JDBC store on PostgreSQL and Axon Server: histories, the hash-chain verification and store
 * digests. A stream is read with {@code readEvents(aggregateId, 0)}, the whole store with {@code openStream}, up to
 * the head as it was when the walk started; payloads are taken as stored ({@link StoredForm}), never deserialized,
 * so an erased data subject's events verify like any other. Which events belong to an actor, a station or a time
 * range is looked up in {@code audit_index} ({@link AuditIndexProjection}), which trails the store by a moment: a
 * history first waits (briefly) for the index to reach the store's head.
 */
@Component
class EventStoreAudit {

    /** How long a history waits for the index to reach the head as of the request. */
    private static final Duration INDEX_WAIT = Duration.ofSeconds(10);
    private static final int COLUMN_CHUNK = 500;

    private final EventStore events;
    /** Added to a store position to give the globalIndex the audit shows ({@link AuditEvents#offset()}). */
    private final long offset;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final StoredColumns columns;

    /** Reads the index's stored tokens (as the token store wrote them). */
    private final Serializer serializer;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    EventStoreAudit(AuditEvents events, JdbcTemplate jdbc, ObjectMapper json, ObjectProvider<StoredColumns> columns,
                    Serializer serializer, ObjectProvider<EventProcessingConfiguration> processing) {
        this.events = events.store();
        this.offset = events.offset();
        this.jdbc = jdbc;
        this.json = json;
        this.columns = columns.getIfAvailable();
        this.serializer = serializer;
        this.processing = processing;
    }

    /** One stored event as the audit sees it; {@code globalIndex} as the audit shows it (null when not tracked). */
    record Stored(Long globalIndex, String eventIdentifier, String aggregateId, long sequenceNumber, String type,
                  Instant timestamp, SerializedObject<byte[]> payload, MetaData metaData) {

        static Stored of(EventMessage<?> event, long offset) {
            Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    ? tracked.trackingToken().position().orElse(-1) + offset : null;
            if (event instanceof DomainEventMessage<?> domain) {
                return new Stored(position, event.getIdentifier(), domain.getAggregateIdentifier(),
                        domain.getSequenceNumber(), domain.getType(), event.getTimestamp(), StoredForm.payload(event),
                        event.getMetaData());
            }
            // Stored without an aggregate: a stream of its own, as the JDBC store keeps it.
            return new Stored(position, event.getIdentifier(), event.getIdentifier(), 0, null, event.getTimestamp(),
                    StoredForm.payload(event), event.getMetaData());
        }

        String hash(String previous) {
            return EventHash.of(new EventHash.StoredRow(eventIdentifier, aggregateId, sequenceNumber, type,
                    DateTimeUtils.formatInstant(timestamp), payload.getType().getName(), payload.getType().getRevision(),
                    payload.getData(), EventHash.metaDataJson(metaData)), previous);
        }

        String meta(String key) {
            Object value = metaData.get(key);
            return value == null ? null : value.toString();
        }
    }

    public AuditHistoryResponse history(FetchAuditHistoryQuery query) {
        // An event of the index parked in its dead letters is missing from it too, whatever the tokens say.
        boolean indexComplete = awaitIndex() && !Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from "
                + DeadLetterConfiguration.TABLE + " where processing_group = ?)", Boolean.class,
                AuditIndexProjection.GROUP));
        StringBuilder sql = new StringBuilder("""
                select event_identifier, position, aggregate_identifier, sequence_number from audit_index
                where position > ?""");
        // The index keeps store positions; "after" is a globalIndex as shown (after=0: from the first event).
        List<Object> args = new ArrayList<>(List.of(query.after() - offset));
        if (query.aggregateId() != null) {
            sql.append(" and aggregate_identifier = ?");
            args.add(query.aggregateId());
        }
        if (query.actorId() != null) {
            sql.append(" and actor_id = ?");
            args.add(query.actorId());
        }
        if (query.stationCode() != null) {
            sql.append(" and station_code = ?");
            args.add(query.stationCode());
        }
        if (query.eventType() != null) {
            sql.append(" and (event_type = ? or event_type like ?)");
            args.add(query.eventType());
            args.add("%." + query.eventType());
        }
        if (query.from() != null) {
            sql.append(" and time_stamp >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and time_stamp < ?");
            args.add(Timestamp.from(query.to()));
        }
        sql.append(" order by position limit ?");
        args.add(query.size() + 1);
        record Found(String eventId, long position, String aggregateId, long sequence) {
        }
        List<Found> found = jdbc.query(sql.toString(), (rs, n) -> new Found(rs.getString(1), rs.getLong(2),
                rs.getString(3), rs.getLong(4)), args.toArray());
        Long next = null;
        if (found.size() > query.size()) {
            found = found.subList(0, query.size());
            next = found.get(found.size() - 1).position() + offset;
        }
        // The events themselves, from the store: per stream, from its first sequence on this page.
        Map<String, Long> firstSequence = new LinkedHashMap<>();
        found.forEach(f -> firstSequence.merge(f.aggregateId(), f.sequence(), Math::min));
        Map<String, Stored> byId = new HashMap<>();
        firstSequence.forEach((aggregateId, first) -> {
            DomainEventStream stream = events.readEvents(aggregateId, first);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                byId.put(event.getIdentifier(), Stored.of(event, offset));
            }
        });
        List<AuditHistoryResponse.Entry> entries = new ArrayList<>();
        for (Found f : found) {
            Stored stored = byId.get(f.eventId());
            if (stored != null) {
                entries.add(entry(f.position() + offset, stored));
            }
        }
        return new AuditHistoryResponse(List.copyOf(entries), next, indexComplete);
    }

    /**
     * Waits until every segment of the index has passed the store's head as of now (at most {@link #INDEX_WAIT}), and
     * says whether it did: the page then tells the reader it may lack the newest events. Every segment: the index's
     * highest position says only that one segment is there, while the other may still be indexing an earlier event of
     * another stream ({@link #indexedUpTo}).
     */
    private boolean awaitIndex() {
        long head = position(events.createHeadToken());
        if (head < 0) {
            return true;
        }
        long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
        while (true) {
            if (indexedUpTo(head)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Whether each segment of the index has handled every event up to {@code head}: by its token as stored (any node
     * may hold the segment), or, for a segment this node holds, by where its processor is. The stored token alone
     * would make a history wait seconds after every write: a segment whose events all fell to the other one stores
     * its advanced token only when it next extends its claim, while this node's processor already knows it is there
     * (Axon's pooled processor advances a segment's status once a batch is committed, or at once when the segment had
     * nothing to handle). A token past the head is not enough on the JDBC store: an index it skipped as a gap (an
     * append not committed when it passed) may hold an event since, not yet handled ({@link #handledUpTo}).
     */
    private boolean indexedUpTo(long head) {
        Map<Integer, TrackingToken> segments = new HashMap<>();
        jdbc.query("select segment, token, token_type from query_side.token_entry where processor_name = ?", rs -> {
            byte[] token = rs.getBytes(2);
            segments.put(rs.getInt(1), token == null ? null : serializer.deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, rs.getString(3), null)));
        }, AuditIndexProjection.GROUP);
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration != null) {
            configuration.eventProcessor(AuditIndexProjection.GROUP, StreamingEventProcessor.class).ifPresent(
                    processor -> processor.processingStatus().forEach((segment, status) -> {
                        if (!status.isErrorState() && segments.containsKey(segment)
                                && position(status.getTrackingToken()) > position(segments.get(segment))) {
                            segments.put(segment, status.getTrackingToken());
                        }
                    }));
        }
        return !segments.isEmpty() && segments.values().stream().allMatch(token -> handledUpTo(token, head));
    }

    private boolean handledUpTo(TrackingToken token, long head) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (position(current) < head) {
            return false;
        }
        if (!(current instanceof GapAwareTrackingToken gapAware)) {
            return true;
        }
        Long[] skipped = gapAware.getGaps().stream().filter(gap -> gap <= head).toArray(Long[]::new);
        return skipped.length == 0 || jdbc.queryForObject("select count(*) from " + EventStoreLayout.SCHEMA + "."
                + EventStoreLayout.EVENT_TABLE + " where " + EventStoreLayout.GLOBAL_INDEX + " = any(?)", Long.class,
                (Object) skipped) == 0;
    }

    private AuditHistoryResponse.Entry entry(long globalIndex, Stored stored) {
        String payloadType = stored.payload().getType().getName();
        String eventType = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        String payload = new String(stored.payload().getData(), StandardCharsets.UTF_8);
        return new AuditHistoryResponse.Entry(globalIndex, stored.aggregateId(), stored.sequenceNumber(), stored.type(),
                stored.timestamp(), eventType, stored.meta(MetadataKeys.ACTOR_ID), stored.meta(MetadataKeys.STATION_CODE),
                stored.meta(MetadataKeys.CORRELATION_ID), EventSummaries.summarise(eventType, readTree(payload)),
                payload, stored.meta(EventHash.HASH), stored.meta(MetadataKeys.OCCURRED_AT),
                stored.meta(MetadataKeys.BACKDATING_REASON));
    }

    /** Walks one stream, or all of them, recomputing every hash. */
    public ChainVerificationResponse verify(String aggregateId) {
        Walk walk = new Walk();
        if (aggregateId == null) {
            walkStore(Long.MAX_VALUE, walk);
        } else {
            List<Stored> chunk = new ArrayList<>();
            DomainEventStream stream = events.readEvents(aggregateId, 0);
            while (stream.hasNext()) {
                chunk.add(Stored.of(stream.next(), offset));
                if (chunk.size() == COLUMN_CHUNK) {
                    feed(walk, chunk);
                }
            }
            feed(walk, chunk);
        }
        return walk.result();
    }

    /** The highest globalIndex the digest may safely cover: events stored a while ago (from the index); 0: none. */
    public long settledGlobalIndex(Instant settledBefore) {
        Long max = jdbc.queryForObject("select max(position) from audit_index where time_stamp < ?", Long.class,
                Timestamp.from(settledBefore));
        return max == null ? 0 : max + offset;
    }

    /** Walks every event up to globalIndex {@code upToGlobalIndex} and digests the streams' recomputed heads. */
    public Digest digest(long upToGlobalIndex) {
        Walk walk = new Walk();
        walkStore(upToGlobalIndex - offset, walk);
        ChainVerificationResponse chain = walk.result();
        return new Digest(upToGlobalIndex, chain.streams(), chain.events(), EventHash.digest(walk.heads()), chain);
    }

    record Digest(long upToGlobalIndex, long streams, long events, String digest, ChainVerificationResponse chain) {
    }

    /** The store's stream from the start, up to {@code upTo} or the head as of now, whichever comes first. */
    private void walkStore(long upTo, Walk walk) {
        long head = position(events.createHeadToken());
        long target = Math.min(upTo, head);
        if (target < 0) {
            return;
        }
        List<Stored> chunk = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            long position = -1;
            while (position < target) {
                // Axon Server's stream may have nothing buffered before its first batch arrives: wait for the head.
                if (!stream.hasNextAvailable(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the event stream stopped at " + position + " short of " + target);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = position(event.trackingToken());
                if (position > upTo) {
                    break;
                }
                chunk.add(Stored.of(event, offset));
                if (chunk.size() == COLUMN_CHUNK) {
                    feed(walk, chunk);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
        feed(walk, chunk);
    }

    private void feed(Walk walk, List<Stored> chunk) {
        Map<String, StoredColumns.Columns> stored = columns == null ? Map.of()
                : columns.of(chunk.stream().map(Stored::eventIdentifier).toList());
        for (Stored event : chunk) {
            walk.accept(event, stored.get(event.eventIdentifier()));
        }
        chunk.clear();
    }

    static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One pass over stored events, each stream in sequence order (streams may interleave, as in the store's global
     * order). The first break reported is the first in stream, then sequence order. A stored hash is accepted as it
     * was written by either engine or either release: the formula has not changed, only where it is computed.
     */
    private static final class Walk {
        private static final class Chain {
            long expectedSequence;
            String previous = EventHash.GENESIS;
            String lastLine;
        }

        private final Map<String, Chain> chains = new TreeMap<>();
        private long events;
        private Break firstBreak;

        void accept(Stored event, StoredColumns.Columns columns) {
            Chain chain = chains.computeIfAbsent(event.aggregateId(), id -> new Chain());
            events++;
            long sequence = event.sequenceNumber();
            String storedHash = event.meta(EventHash.HASH);
            String storedPrevious = event.meta(EventHash.PREVIOUS_HASH);
            String recomputed = event.hash(chain.previous);
            if (storedHash == null && storedPrevious == null) {
                record(Problem.UNCHAINED, event, "stored without a hash: written before the chain existed, or stripped");
            } else if (sequence != chain.expectedSequence) {
                record(Problem.MISSING_EVENTS, event, "sequence " + chain.expectedSequence
                        + (sequence - 1 > chain.expectedSequence ? " to " + (sequence - 1) : "") + " missing before it");
            } else if (!Objects.equals(storedPrevious, chain.previous)) {
                record(Problem.BROKEN_LINK, event, "does not point at the hash of the event before it");
            } else if (!recomputed.equals(storedHash)) {
                record(Problem.ALTERED, event, "the stored event no longer matches its hash");
            } else if (columns != null && !columns.agreeWith(event)) {
                record(Problem.COLUMNS_DISAGREE_WITH_METADATA, event, "actor, station or correlation columns changed");
            }
            chain.previous = recomputed;
            chain.expectedSequence = sequence + 1;
            chain.lastLine = event.aggregateId() + ":" + sequence + ":" + recomputed;
        }

        private void record(Problem problem, Stored event, String detail) {
            Break candidate = new Break(problem, event.aggregateId(), event.sequenceNumber(),
                    event.globalIndex() == null ? -1 : event.globalIndex(), event.eventIdentifier(), detail);
            Comparator<Break> order = Comparator.comparing(Break::aggregateId).thenComparingLong(Break::sequenceNumber);
            if (firstBreak == null || order.compare(candidate, firstBreak) < 0) {
                firstBreak = candidate;
            }
        }

        /** Each stream's recomputed head, in stream order. */
        List<String> heads() {
            return chains.values().stream().map(chain -> chain.lastLine).filter(Objects::nonNull).toList();
        }

        ChainVerificationResponse result() {
            return new ChainVerificationResponse(firstBreak == null, chains.size(), events, firstBreak);
        }
    }
}

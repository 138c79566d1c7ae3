package cn.daiban.command.infrastructure;

import cn.daiban.kernel.eventstore.EventHash;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Chains every stream, whichever engine stores it (the JDBC store on PostgreSQL or Axon Server): as the events of
 * a unit of work are committed to the event store, each gets its {@link EventHash} and its predecessor's in its
 * metadata. The hash covers the payload exactly as it will be stored — it is serialized here, once, and that form
 * travels with the message ({@link StoredFormMessage}) to whichever storage engine writes it — and the timestamp
 * at the millisecond both engines keep.
 *
 * <p>The previous hash is the one of the event before in the same unit of work, else of the last event this node
 * committed for the stream (a small cache, filled only after a commit), else read through the event store
 * ({@code readEvents(aggregateId, sequence - 1)}). Axon Server refuses an append at a taken sequence number, like the
 * JDBC store's unique key, so a chain link built on a stale head never gets stored.
 */
@Component
class EventHashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String PENDING = EventHashChain.class.getName() + ".pending";
    private static final int CACHED_STREAMS = 10_000;

    private record Head(long sequence, String hash) {
    }

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    private final Map<String, Head> committed = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                    return size() > CACHED_STREAMS;
                }
            });

    EventHashChain(EventStore eventStore, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Head> pending = pending();
        List<EventMessage<?>> chained = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            chained.add(message.getMetaData().containsKey(EventHash.HASH) ? message : chain(message, pending));
        }
        return (index, message) -> chained.get(index);
    }

    private Map<String, Head> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Map<String, Head> heads = new HashMap<>();
            root.afterCommit(u -> committed.putAll(heads));
            return heads;
        });
    }

    private EventMessage<?> chain(EventMessage<?> message, Map<String, Head> pending) {
        // A plain event (no aggregate) is stored as a stream of its own (the JDBC store does so; Axon Server keeps it
        // without an aggregate and the audit reads it the same way).
        String aggregateId = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : message.getIdentifier();
        long sequence = message instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : 0;
        String type = message instanceof DomainEventMessage<?> d ? d.getType() : null;
        String previous = previousHash(aggregateId, sequence, pending);
        SerializedObject<byte[]> payload = message.serializePayload(eventSerializer, byte[].class);
        Instant timestamp = message.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
        MetaData plain = message.getMetaData().withoutKeys(java.util.Set.of(EventHash.HASH, EventHash.PREVIOUS_HASH));
        String hash = EventHash.of(new EventHash.StoredRow(message.getIdentifier(), aggregateId, sequence, type,
                DateTimeUtils.formatInstant(timestamp), payload.getType().getName(), payload.getType().getRevision(),
                payload.getData(), EventHash.metaDataJson(plain)), previous);
        pending.put(aggregateId, new Head(sequence, hash));
        StoredFormMessage<?> stored = StoredFormMessage.of(message,
                plain.and(EventHash.HASH, hash).and(EventHash.PREVIOUS_HASH, previous), payload);
        if (message instanceof DomainEventMessage<?>) {
            return domainEvent(type, aggregateId, sequence, stored, timestamp);
        }
        return new GenericEventMessage<>(stored, () -> timestamp);
    }

    private static <T> GenericDomainEventMessage<T> domainEvent(String type, String aggregateId, long sequence,
                                                                StoredFormMessage<T> stored, Instant timestamp) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, stored, () -> timestamp);
    }

    private String previousHash(String aggregateId, long sequence, Map<String, Head> pending) {
        if (sequence == 0) {
            return EventHash.GENESIS;
        }
        Head head = pending.get(aggregateId);
        if (head == null || head.sequence() != sequence - 1) {
            head = committed.get(aggregateId);
        }
        if (head != null && head.sequence() == sequence - 1) {
            return head.hash();
        }
        DomainEventStream stream = eventStore.readEvents(aggregateId, sequence - 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() == sequence - 1) {
                Object hash = event.getMetaData().get(EventHash.HASH);
                // An event stored before the chain existed carries no hash: the chain starts again from here, and the
                // verification names that event as unchained.
                return hash == null ? EventHash.GENESIS : hash.toString();
            }
        }
        return EventHash.GENESIS;
    }
}

package cn.daiban.query.infrastructure;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A processing group's dead-letter queue that says in the log, once per parked event, what was parked and why
 * (the handler's retries log at debug level only), and when a retry of a parked event failed again. Everything
 * else is the wrapped queue's.
 */
final class ParkingLog implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger("cn.daiban.query.deadletters");

    private final String group;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;

    ParkingLog(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        this.group = group;
        this.queue = queue;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        queue.enqueue(sequenceIdentifier, letter);
        EventMessage<?> event = letter.message();
        if (letter.cause().isPresent()) {
            Cause cause = letter.cause().get();
            log.warn("parked {} {} of sequence {} (event {}, position {}) in processing group {} after {} attempt(s);"
                            + " later events of that sequence wait behind it, the others flow on: {}: {}",
                    event.getPayloadType().getSimpleName(), aggregateSequence(event), sequenceIdentifier,
                    event.getIdentifier(), position(event), group, letter.diagnostics().getOrDefault("attempts", 1),
                    cause.type(), cause.message());
        } else {
            log.info("queued {} {} (event {}) behind the parked sequence {} in processing group {}",
                    event.getPayloadType().getSimpleName(), aggregateSequence(event), event.getIdentifier(),
                    sequenceIdentifier, group);
        }
    }

    private static String aggregateSequence(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? "#" + domain.getSequenceNumber() : "";
    }

    private static Object position(EventMessage<?> event) {
        return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : "unknown";
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    /** A retry: says when a parked event failed again (the JDBC queue requeues it itself, not through here). */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, letter -> {
            EnqueueDecision<EventMessage<?>> decision = processingTask.apply(letter);
            if (decision.shouldEnqueue()) {
                log.warn("retry of parked {} (event {}) in processing group {} failed again, it stays parked: {}",
                        letter.message().getPayloadType().getSimpleName(), letter.message().getIdentifier(), group,
                        decision.enqueueCause().map(c -> c instanceof Cause cause
                                ? cause.type() + ": " + cause.message() : c.toString()).orElse("no cause"));
            }
            return decision;
        });
    }

    @Override
    public void clear() {
        queue.clear();
    }
}

package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.messaging.RemoteNonTransientHandlingException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Commands the system sends by itself (seeding shipped data), recorded with the system as the actor. */
@Component
class SystemCommands {

    private static final Logger log = LoggerFactory.getLogger(SystemCommands.class);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transactions;

    SystemCommands(CommandGateway commands, EventStore eventStore, EventProcessingConfiguration processing,
                   TransactionTemplate transactions) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.processing = processing;
        this.transactions = transactions;
    }

    /**
     * Sends a creating command once: if another node (or an earlier start) already created it, that is fine.
     * "Already created" comes in several forms, all treated as done: the JDBC engine's unique key
     * ({@link AggregateStreamCreationException}), Axon Server refusing the first event of a stream that exists
     * ({@code [AXONIQ-2000] Invalid sequence number 0 …}), the aggregate refusing a second creation, and a look-up
     * row inserted by a node seeding at the same moment.
     *
     * @return whether this call created it
     */
    boolean createOnce(Object command) {
        long until = System.nanoTime() + NO_HANDLER_PATIENCE.toNanos();
        while (true) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                        MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                                .and(MetadataKeys.CORRELATION_ID, "seed-" + UUID.randomUUID())));
                return true;
            } catch (RuntimeException e) {
                if (alreadyThere(e)) {
                    log.debug("{} was already there: {}", command.getClass().getSimpleName(), e.toString());
                    return false;
                }
                if (noHandlerYet(e) && System.nanoTime() < until) {
                    // Axon Server learns of this node's command handlers asynchronously at start: wait for it.
                    log.info("no handler for {} at Axon Server yet; trying again", command.getClass().getSimpleName());
                    pause(500);
                    continue;
                }
                throw e;
            }
        }
    }

    /** How long seeding waits for Axon Server to route commands to the handlers this node subscribed at start. */
    static final java.time.Duration NO_HANDLER_PATIENCE = java.time.Duration.ofSeconds(60);

    static boolean noHandlerYet(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.axonframework.commandhandling.NoHandlerForCommandException
                    || String.valueOf(cause.getMessage()).contains("AXONIQ-4000")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", interrupted);
        }
    }

    /**
     * Makes sure a seeded aggregate that exists in the event store is in its look-up table too: with Axon Server the
     * events and the look-up rows commit in two places (Axon Server, PostgreSQL), so a stream can exist while its
     * row does not (a node stopped between the two, a database restored from an older backup). When {@code present}
     * stays false for a second (another node seeding at the same time commits its row), the aggregate's events are
     * read from the event store and handed to the look-up's processing group, whose handlers write idempotently.
     */
    void ensureLookUp(String aggregateId, String processingGroup, BooleanSupplier present) {
        long until = System.nanoTime() + 1_000_000_000L;
        while (!present.getAsBoolean()) {
            if (System.nanoTime() > until) {
                fillLookUp(aggregateId, processingGroup);
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fillLookUp(String aggregateId, String processingGroup) {
        AbstractEventProcessor processor = processing.eventProcessor(processingGroup, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no event processor " + processingGroup));
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId).asStream().toList();
        transactions.executeWithoutResult(status -> {
            for (DomainEventMessage<?> event : events) {
                try {
                    if (processor.eventHandlerInvoker().canHandle(event, Segment.ROOT_SEGMENT)) {
                        processor.eventHandlerInvoker().handle(event, Segment.ROOT_SEGMENT);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not fill the look-up " + processingGroup + " from "
                            + aggregateId, e);
                }
            }
        });
        log.info("filled the look-up {} from the {} events of {}", processingGroup, events.size(), aggregateId);
    }

    static boolean alreadyThere(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException || cause instanceof DuplicateKeyException) {
                return true;
            }
            if (cause instanceof CommandExecutionException executed) {
                CommandRejection rejection = executed.getDetails().filter(CommandRejection.class::isInstance)
                        .map(CommandRejection.class::cast).orElse(null);
                if (rejection != null && ("ILLEGAL_TRANSITION".equals(rejection.kind())
                        || "already-exists".equals(rejection.rule()))) {
                    return true;
                }
            }
            text.append(cause).append('\n');
            if (cause instanceof RemoteHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            } else if (cause instanceof RemoteNonTransientHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        // Axon Server refused the stream's first event: the stream exists. A 23505 on a look-up table is a
        // concurrent node's insert (the message names the SQLState when the exception class did not travel).
        return text.indexOf("Invalid sequence number 0 ") >= 0 || text.indexOf("duplicate key value") >= 0;
    }
}

package cn.daiban.command.web;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.delegation.BackdatedSteps;
import cn.daiban.command.infrastructure.ExpectedVersionTargetResolver;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends a command on behalf of an HTTP request: stamps who, where and which correlation id into its metadata,
 * passes the client's expected version on, and makes a retried request with the same idempotency key answer
 * what the first one answered, without a second event.
 *
 * <p>In the embedded mode the idempotency record, the events and every subscribing projection commit in one
 * PostgreSQL transaction: either the command happened and its answer is remembered, or neither.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commandGateway;
    private final ActorResolver actorResolver;
    private final IdempotencyStore idempotencyStore;
    private final TransactionTemplate transaction;
    private final CommandPolicy policy;

    CommandDispatcher(CommandGateway commandGateway, ActorResolver actorResolver, IdempotencyStore idempotencyStore,
                      TransactionTemplate transaction, CommandPolicy policy) {
        this.commandGateway = commandGateway;
        this.actorResolver = actorResolver;
        this.idempotencyStore = idempotencyStore;
        this.transaction = transaction;
        this.policy = policy;
    }

    /** Sends a command that changes (or creates) the aggregate {@code aggregateId}. */
    public Dispatched send(CommandRequest request, String aggregateId, Supplier<Object> command) {
        return send(request, aggregateId, null, command);
    }

    /**
     * @param reference id of a part the command creates inside the aggregate, echoed in the answer
     * @param command   built lazily: a replayed request does not build (or validate) it again
     */
    public Dispatched send(CommandRequest request, String aggregateId, String reference, Supplier<Object> command) {
        Actor actor = actorResolver.currentActor();
        return transaction.execute(status -> {
            Optional<CommandAcknowledgement> earlier = request.idempotencyKey() == null
                    ? Optional.empty()
                    : idempotencyStore.claim(actor.actorId(), request.endpoint(),
                    request.idempotencyKey(), request.fingerprint());
            if (earlier.isPresent()) {
                return new Dispatched(earlier.get(), true, aggregateId, reference);
            }
            Object built = command.get();
            policy.check(actor.user(), built);
            if (request.occurredAt() != null && !BackdatedSteps.accepts(built)) {
                // The delegation checks its own steps (StepMoments); nothing else may be back-dated.
                throw DomainRuleException.ruleViolated(BackdatedSteps.RULE, CommandRequest.OCCURRED_AT,
                        "only a step of a delegation done at the counter may be recorded after the fact");
            }
            Object version = commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(built).andMetaData(metaData(actor, request)));
            CommandAcknowledgement acknowledgement =
                    new CommandAcknowledgement(aggregateId, ((Number) version).longValue(), reference);
            if (request.idempotencyKey() != null) {
                idempotencyStore.remember(actor.actorId(), request.endpoint(), request.idempotencyKey(),
                        acknowledgement);
            }
            return new Dispatched(acknowledgement, false, aggregateId, reference);
        });
    }

    private static MetaData metaData(Actor actor, CommandRequest request) {
        Map<String, Object> values = new HashMap<>();
        values.put(MetadataKeys.ACTOR_ID, actor.actorId());
        if (actor.stationCode() != null) {
            values.put(MetadataKeys.STATION_CODE, actor.stationCode().value());
        }
        values.put(MetadataKeys.CORRELATION_ID,
                request.correlationId() != null ? request.correlationId() : UUID.randomUUID().toString());
        if (request.occurredAt() != null) {
            // A step recorded after the fact (补录): its events keep when it happened besides when it was recorded.
            values.put(MetadataKeys.OCCURRED_AT, request.occurredAt().toString());
            values.put(MetadataKeys.BACKDATING_REASON, request.backdatingReason());
        }
        if (request.expectedVersion() != null) {
            values.put(ExpectedVersionTargetResolver.EXPECTED_VERSION, request.expectedVersion());
        }
        return MetaData.from(values);
    }

    /** The answer, and whether it is a replay of an earlier request with the same idempotency key. */
    /**
     * What the command answered, whether it is the remembered answer of an earlier request with the same key, and the
     * ids this request would have created ({@code attemptedId}, {@code attemptedReference}): a replayed answer names the
     * first request's, which the address of what was created must name too ({@link #location}).
     */
    public record Dispatched(CommandAcknowledgement acknowledgement, boolean replayed, String attemptedId,
                             String attemptedReference) {

        /** {@code location} as built for this request, naming what the first request created when replayed. */
        String location(String location) {
            if (!replayed) {
                return location;
            }
            String named = attemptedId != null && acknowledgement.id() != null
                    ? location.replace(attemptedId, acknowledgement.id()) : location;
            return attemptedReference != null && acknowledgement.reference() != null
                    ? named.replace(attemptedReference, acknowledgement.reference()) : named;
        }
    }
}

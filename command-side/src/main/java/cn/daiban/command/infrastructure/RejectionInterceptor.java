package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.security.DatabaseOutage;
import cn.daiban.security.privacy.ErasedDataSubjectException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;

/**
 * Turns a refusal raised while a command is handled into a {@link CommandExecutionException} whose details
 * ({@link CommandRejection}: kind, rule, field, message) say why, so the HTTP layer answers the same problem+json
 * whether the command was handled in this JVM or behind Axon Server: exception classes do not cross Axon Server,
 * the details do (serialized with the configured serializer). Besides the domain's own refusals this covers what the
 * repository raises inside the handler: an unknown id (not found), a stale expected version, an id already taken,
 * a concurrent change, a data subject whose personal data was erased, and the database out of reach.
 * <p>
 * What fails later, when the unit of work commits (Axon Server refusing an append with AXONIQ-2000, sealing the
 * personal data of an erased subject), happens after this interceptor; {@code ProblemHandler} recognises those.
 */
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CommandExecutionException e) {
            throw e;
        } catch (DomainRuleException e) {
            throw rejected(e, e.kind().name(), e.rule(), e.field(), e.getMessage());
        } catch (InvalidValueException e) {
            throw rejected(e, CommandRejection.INVALID_VALUE, "valid-value", e.field(), e.getMessage());
        } catch (Exception e) {
            CommandRejection rejection = describe(e);
            if (rejection == null) {
                throw e;
            }
            throw new CommandExecutionException(rejection.message(), e, rejection);
        }
    }

    /**
     * A domain refusal as the exception that keeps its meaning across Axon Server, for code that refuses outside a
     * command handler but inside a command's unit of work (a subscribing policy, while the unit of work commits).
     */
    static CommandExecutionException refusal(DomainRuleException e) {
        return rejected(e, e.kind().name(), e.rule(), e.field(), e.getMessage());
    }

    private static CommandExecutionException rejected(Exception e, String kind, String rule, String field,
                                                      String message) {
        return new CommandExecutionException(message, e, new CommandRejection(kind, rule, field, message));
    }

    /** What an exception raised by the repository or the event store means to a client, or null if unknown. */
    static CommandRejection describe(Throwable e) {
        if (DatabaseOutage.isOutage(e)) {
            return new CommandRejection(CommandRejection.UNAVAILABLE, DatabaseOutage.RULE, null, DatabaseOutage.DETAIL);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErasedDataSubjectException erased) {
                return new CommandRejection(CommandRejection.RULE_VIOLATED, "data-subject-erased", null,
                        erased.getMessage());
            }
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return new CommandRejection(CommandRejection.NOT_FOUND, "not-found", null,
                    "nothing found with id " + notFound.getAggregateIdentifier());
        }
        if (e instanceof IncompatibleAggregateException && CommandRejection.otherKindOfRecord(e)) {
            return CommandRejection.otherKindOfRecord();
        }
        if (e instanceof ConflictingAggregateVersionException stale) {
            return new CommandRejection(CommandRejection.CONFLICT, "stale-version", "If-Match",
                    "expected version " + stale.getExpectedVersion() + " but it is now at " + stale.getActualVersion()
                            + ": reload and try again");
        }
        if (e instanceof AggregateStreamCreationException) {
            return CommandRejection.alreadyExists();
        }
        if (e instanceof ConflictingModificationException || e instanceof ConcurrencyException) {
            return CommandRejection.concurrentModification();
        }
        return null;
    }
}

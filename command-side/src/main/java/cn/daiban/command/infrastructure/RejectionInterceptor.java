package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.InvalidValueException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Turns a domain refusal into a {@link CommandExecutionException} whose details say why, so the HTTP layer
 * can answer the same problem+json whether the command was handled in this JVM or behind Axon Server.
 */
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (DomainRuleException e) {
            throw new CommandExecutionException(e.getMessage(), e,
                    new CommandRejection(e.kind().name(), e.rule(), e.field(), e.getMessage()));
        } catch (InvalidValueException e) {
            throw new CommandExecutionException(e.getMessage(), e,
                    new CommandRejection("INVALID_VALUE", "valid-value", e.field(), e.getMessage()));
        }
    }
}

package cn.daiban.command.infrastructure;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/** Registers the command side's handler interceptors on the command bus (local and Axon Server alike). */
@Component
class CommandBusInterceptors {

    CommandBusInterceptors(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionInterceptor());
    }
}

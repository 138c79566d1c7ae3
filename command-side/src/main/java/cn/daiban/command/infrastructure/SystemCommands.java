package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Commands the system sends by itself (seeding shipped data), recorded with the system as the actor. */
@Component
class SystemCommands {

    private final CommandGateway commands;

    SystemCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Sends a creating command once: if another node (or an earlier start) already created it, that is fine.
     *
     * @return whether this call created it
     */
    boolean createOnce(Object command) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                    MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                            .and(MetadataKeys.CORRELATION_ID, "seed-" + UUID.randomUUID())));
            return true;
        } catch (AggregateStreamCreationException e) {
            return false;
        } catch (CommandExecutionException e) {
            boolean alreadyThere = e.getDetails().map(CommandRejection.class::cast)
                    .map(rejection -> "ILLEGAL_TRANSITION".equals(rejection.kind())).orElse(false)
                    || e.getCause() instanceof AggregateStreamCreationException;
            if (alreadyThere) {
                return false;
            }
            throw e;
        }
    }
}

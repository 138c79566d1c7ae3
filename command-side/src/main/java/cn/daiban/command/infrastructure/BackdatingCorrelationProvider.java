package cn.daiban.command.infrastructure;

import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * A step recorded after the fact: the moment it happened and the reason travel from the command to every event it
 * causes, so each stored event keeps both its recorded moment (its timestamp) and the moment it happened. Only a
 * command passes them on: what a process manager or a deadline does in reaction to a back-dated event happens now,
 * not back then, so events and deadlines never carry them further.
 */
class BackdatingCorrelationProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?>)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        Object occurredAt = message.getMetaData().get(MetadataKeys.OCCURRED_AT);
        if (occurredAt != null) {
            data.put(MetadataKeys.OCCURRED_AT, occurredAt);
            data.put(MetadataKeys.BACKDATING_REASON, message.getMetaData().get(MetadataKeys.BACKDATING_REASON));
        }
        return data;
    }
}

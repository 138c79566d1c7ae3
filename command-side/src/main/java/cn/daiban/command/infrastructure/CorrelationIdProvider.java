package cn.daiban.command.infrastructure;

import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Like Axon's MessageOriginProvider, but a correlation id the message already carries (the client's
 * {@code X-Correlation-Id}, or the one the HTTP layer generated) is kept rather than replaced by the message
 * id, so one request's correlation id is on every event it causes. {@code traceId} is the causing message's id.
 */
class CorrelationIdProvider implements CorrelationDataProvider {

    static final String TRACE_ID = "traceId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(TRACE_ID, message.getIdentifier());
        return data;
    }
}

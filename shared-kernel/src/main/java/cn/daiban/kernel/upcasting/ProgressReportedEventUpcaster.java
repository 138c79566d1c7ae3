package cn.daiban.kernel.upcasting;

import cn.daiban.kernel.delegation.ProgressChannel;
import cn.daiban.kernel.delegation.ProgressReportedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link ProgressReportedEvent} revision 1 → 2: the free-text {@code channel} becomes a {@link ProgressChannel},
 * and the original text is kept as {@code channelNote}. Both sides register it, so stored revision-1 events load
 * into aggregates and replay into projections unchanged.
 */
public class ProgressReportedEventUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ProgressReportedEvent.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, ProgressReportedEventUpcaster::upcast);
    }

    static JsonNode upcast(JsonNode payload) {
        ObjectNode event = ((ObjectNode) payload).deepCopy();
        JsonNode channel = event.get("channel");
        String text = channel == null || channel.isNull() ? null : channel.asText();
        event.put("channel", ProgressChannel.fromText(text).name());
        if (text != null) {
            event.put("channelNote", text);
        }
        return event;
    }
}

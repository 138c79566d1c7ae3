package cn.daiban.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * Gets an event's payload as the store holds it, from a message the event store handed out. Such a message keeps
 * the stored serialized form and gives it out unchanged to the serializer that read it ({@code SerializedMessage}
 * compares the serializer asking with its own); this probe counts as that serializer, whichever wrapper the engine
 * put around the event serializer (Axon Server adds one). It never serializes: a message that does not hold a stored
 * form (one built in memory) is refused, rather than re-serialized into bytes that were never stored.
 */
final class StoredForm implements Serializer {

    static final StoredForm PROBE = new StoredForm();

    private final Converter converter = new ChainingConverter();

    private StoredForm() {
    }

    static SerializedObject<byte[]> payload(EventMessage<?> event) {
        return event.serializePayload(PROBE, byte[].class);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Serializer;
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        throw new IllegalStateException("not a stored event: " + (object == null ? null : object.getClass()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return converter.canConvert(byte[].class, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        throw new UnsupportedOperationException("the audit does not deserialize payloads");
    }

    @Override
    public Class classForType(SerializedType type) {
        throw new UnsupportedOperationException("the audit does not deserialize payloads");
    }

    @Override
    public SerializedType typeForClass(Class type) {
        throw new UnsupportedOperationException("the audit does not serialize payloads");
    }

    @Override
    public Converter getConverter() {
        return converter;
    }
}

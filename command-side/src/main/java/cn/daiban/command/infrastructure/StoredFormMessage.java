package cn.daiban.command.infrastructure;

import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.Map;

/**
 * A message whose payload has been serialized once, at append time, by the event serializer: every later request
 * for its serialized payload — from the JDBC append statement or from Axon Server's storage engine, whichever
 * serializer wrapper it holds (Axon Server wraps the event serializer in its own metadata-aware one) — gets these
 * very bytes. That is what makes the hash computed from them ({@link EventHashChain}) a hash of what is stored,
 * although sealing personal data ({@code PersonalDataSerializer}, AES-GCM with a random IV) never gives the same
 * bytes twice. Assumption: an event is serialized only to be stored, so the one stored form is right for every
 * serializer asking.
 */
final class StoredFormMessage<T> extends MessageDecorator<T> {

    private final SerializedObject<byte[]> payload;

    StoredFormMessage(Message<T> delegate, SerializedObject<byte[]> payload) {
        super(delegate);
        this.payload = payload;
    }

    static <T> StoredFormMessage<T> of(Message<T> original, Map<String, ?> metaData, SerializedObject<byte[]> payload) {
        return new StoredFormMessage<>(new GenericMessage<>(original.getIdentifier(), original.getPayloadType(),
                original.getPayload(), metaData), payload);
    }

    SerializedObject<byte[]> storedPayload() {
        return payload;
    }

    @Override
    public <S> SerializedObject<S> serializePayload(Serializer serializer, Class<S> expectedRepresentation) {
        return serializer.getConverter().convert(payload, expectedRepresentation);
    }

    @Override
    public Message<T> withMetaData(Map<String, ?> metaData) {
        return of(getDelegate(), MetaData.from(metaData), payload);
    }

    @Override
    public Message<T> andMetaData(Map<String, ?> metaData) {
        return of(getDelegate(), getMetaData().mergedWith(metaData), payload);
    }
}

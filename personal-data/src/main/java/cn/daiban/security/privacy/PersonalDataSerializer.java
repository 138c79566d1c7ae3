package cn.daiban.security.privacy;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The event serializer with crypto-shredding: every {@link PersonalData} value of an event is written as
 * {@code pii:v1:<subject>:<base64 of AES-GCM(iv, JSON of the value)>} with the key of the event's
 * {@link DataSubject}, so the event store never holds a name, resident ID or phone number in clear, and the hash
 * chain is over exactly these bytes. Reading decrypts with the subject's key; once the key is destroyed the value
 * reads as {@link PersonalData#ERASED} (text) or {@code null}, and everything else of the event as before. Events
 * stored before encryption existed read unchanged.
 */
public class PersonalDataSerializer implements Serializer {

    static final String PREFIX = "pii:v1:";

    private final Serializer delegate;
    private final ObjectMapper mapper;
    private final Supplier<PersonalDataKeys> keys;
    private final Map<Class<?>, Optional<Shape>> shapes = new ConcurrentHashMap<>();

    private record Part(RecordComponent component, boolean personal, Shape nested) {
    }

    private record Shape(RecordComponent subject, List<Part> parts) {
    }

    public PersonalDataSerializer(Serializer delegate, Supplier<PersonalDataKeys> keys) {
        this.delegate = delegate;
        this.mapper = delegate instanceof JacksonSerializer jackson ? jackson.getObjectMapper() : new ObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<Shape> shape = object == null ? Optional.empty() : shape(object.getClass());
        if (shape.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        Object subjectValue = value(shape.get().subject(), object);
        if (subjectValue == null) {
            throw new IllegalStateException(object.getClass().getSimpleName() + " carries personal data but no subject");
        }
        String subject = subjectValue.toString();
        ObjectNode tree = mapper.valueToTree(object);
        List<PersonalDataKeys.Indexed> indexed = new ArrayList<>();
        if (personalValues(tree, shape.get(), indexed)) {
            // The key (if new) and the index entries commit apart, together, before any value is sealed with it.
            seal(tree, shape.get(), subject, keys.get().keyFor(subject, indexed));
        }
        try {
            SerializedObject<byte[]> sealed = new SimpleSerializedObject<>(mapper.writeValueAsBytes(tree), byte[].class,
                    delegate.typeForClass(object.getClass()));
            return delegate.getConverter().convert(sealed, expectedRepresentation);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = delegate.classForType(serializedObject.getType());
        if (type == null || shape(type).isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = delegate.getConverter().convert(serializedObject, JsonNode.class).getData();
        if (!(serializedObject.getData() instanceof byte[])) {
            // A tree handed in (an upcaster's result) may be read again: open a copy, never the original. Stored
            // bytes are parsed into a tree of this read's own.
            tree = tree.deepCopy();
        }
        if (tree instanceof ObjectNode object) {
            // One key look-up per subject and event, not per value: an event's values share one subject.
            open(object, shape(type).get(), new java.util.HashMap<>());
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    /**
     * Whether the tree holds a personal value to seal; collects the resident IDs and phone numbers among them, which
     * the blind index records.
     */
    private boolean personalValues(ObjectNode node, Shape shape, List<PersonalDataKeys.Indexed> indexed) {
        boolean any = false;
        for (Part part : shape.parts()) {
            JsonNode child = node.get(part.component().getName());
            if (child == null || child.isNull()) {
                continue;
            }
            if (part.personal()) {
                any = true;
                String kind = part.component().getType().getSimpleName();
                if (kind.equals("ResidentId") || kind.equals("PhoneNumber")) {
                    indexed.add(new PersonalDataKeys.Indexed(kind, child.asText()));
                }
            } else if (child instanceof ObjectNode object) {
                any |= personalValues(object, part.nested(), indexed);
            }
        }
        return any;
    }

    private void seal(ObjectNode node, Shape shape, String subject, javax.crypto.SecretKey key) {
        for (Part part : shape.parts()) {
            String name = part.component().getName();
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                continue;
            }
            if (part.personal()) {
                try {
                    byte[] sealed = PersonalDataKeys.encrypt(key, mapper.writeValueAsBytes(child));
                    node.put(name, PREFIX + subject + ":" + Base64.getEncoder().encodeToString(sealed));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (child instanceof ObjectNode object) {
                seal(object, part.nested(), subject, key);
            }
        }
    }

    private void open(ObjectNode node, Shape shape, java.util.Map<String, Optional<javax.crypto.SecretKey>> looked) {
        for (Part part : shape.parts()) {
            String name = part.component().getName();
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                continue;
            }
            if (part.personal() && child.isTextual() && child.asText().startsWith(PREFIX)) {
                String token = child.asText().substring(PREFIX.length());
                int colon = token.lastIndexOf(':');
                String subject = token.substring(0, colon);
                byte[] sealed = Base64.getDecoder().decode(token.substring(colon + 1));
                Optional<javax.crypto.SecretKey> key = looked.computeIfAbsent(subject, keys.get()::find);
                if (key.isPresent()) {
                    try {
                        node.set(name, mapper.readTree(PersonalDataKeys.decrypt(key.get(), sealed)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    node.set(name, part.component().getType() == String.class
                            ? TextNode.valueOf(PersonalData.ERASED) : NullNode.getInstance());
                }
            } else if (!part.personal() && child instanceof ObjectNode object) {
                open(object, part.nested(), looked);
            }
        }
    }

    /** Which components of a record carry personal data, directly or in a nested record; empty if none. */
    private Optional<Shape> shape(Class<?> type) {
        Optional<Shape> known = shapes.get(type);
        if (known != null) {
            return known;
        }
        Optional<Shape> shape = Optional.empty();
        if (type.isRecord()) {
            RecordComponent subject = null;
            List<Part> parts = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(DataSubject.class)) {
                    subject = component;
                }
                if (component.isAnnotationPresent(PersonalData.class)) {
                    parts.add(new Part(component, true, null));
                } else if (component.getType().isRecord() && component.getType() != type) {
                    shape(component.getType()).ifPresent(nested -> parts.add(new Part(component, false, nested)));
                }
            }
            shape = parts.isEmpty() ? Optional.empty() : Optional.of(new Shape(subject, List.copyOf(parts)));
        }
        shapes.put(type, shape);
        return shape;
    }

    private static Object value(RecordComponent component, Object owner) {
        if (component == null) {
            return null;
        }
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}

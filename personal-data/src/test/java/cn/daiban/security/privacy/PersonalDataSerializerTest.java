package cn.daiban.security.privacy;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sealing serializer on its own, without a database: {@link PersonalDataKeys} is a class (no interface), so the
 * key lookup seam the serializer uses ({@code keyFor}, {@code find}) is replaced by an in-memory
 * test double; the real key store against PostgreSQL is exercised end to end by {@code PersonalDataEndToEndIT}.
 */
class PersonalDataSerializerTest {

    /** A nested record without a subject of its own: sealed under the event's subject. */
    record Contact(@PersonalData String name, @PersonalData PhoneNumber phone, String relation) {
    }

    record ClientRecorded(@DataSubject String caseId, String stationCode, @PersonalData String name,
                          @PersonalData ResidentId residentId, @PersonalData PhoneNumber phone, int workingDays,
                          Contact contact, String note) {
    }

    record NothingPersonal(String stationCode, String note) {
    }

    record NoSubject(String caseId, @PersonalData String name) {
    }

    private static final String NAME = "王秀英";
    private static final String RESIDENT_ID = "11010519491231002X";
    private static final String PHONE = "13912345678";
    private static final String CONTACT_NAME = "王建国";
    private static final String CONTACT_PHONE = "13700001111";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JacksonSerializer plain = JacksonSerializer.builder().objectMapper(mapper).build();
    private final InMemoryKeys keys = new InMemoryKeys();
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(plain, () -> keys);

    private static ClientRecorded recorded(String caseId) {
        return new ClientRecorded(caseId, "140521101201", NAME, ResidentId.of(RESIDENT_ID), PhoneNumber.of(PHONE), 10,
                new Contact(CONTACT_NAME, PhoneNumber.of(CONTACT_PHONE), "儿子"), "上门代办");
    }

    /**
     * 000 §7.2.2 b: the address of an agreed home visit is the client's personal data (002 廉洁服务), sealed under the
     * delegation's key like the name and phone, read back whole, and erased with the delegation's key.
     */
    @Test
    void homeVisitAddressIsSealedUnderTheDelegationsKey() throws Exception {
        ObjectMapper timeAware = new ObjectMapper().findAndRegisterModules();
        PersonalDataSerializer sealing = new PersonalDataSerializer(
                JacksonSerializer.builder().objectMapper(timeAware).build(), () -> keys);
        cn.daiban.kernel.delegation.DelegationId delegation = cn.daiban.kernel.delegation.DelegationId.create();
        String address = "郑庄村东街12号";
        cn.daiban.kernel.delegation.HomeVisitArrangedEvent event = new cn.daiban.kernel.delegation.HomeVisitArrangedEvent(
                delegation, cn.daiban.kernel.delegation.ServiceMode.ON_SITE,
                new cn.daiban.kernel.delegation.HomeVisitAppointment(java.time.Instant.parse("2026-11-25T01:00:00Z"),
                        address), "老人行动不便");

        SerializedObject<byte[]> stored = sealing.serialize(event, byte[].class);

        String text = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(address).contains("pii:v1:" + delegation.value() + ":")
                .contains("老人行动不便");
        assertThat((Object) sealing.deserialize(stored)).isEqualTo(event);
        keys.destroy(List.of(delegation.value()), "test");
        cn.daiban.kernel.delegation.HomeVisitArrangedEvent erased = sealing.deserialize(stored);
        assertThat(erased.homeVisit().address()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.homeVisit().agreedAt()).isEqualTo(java.time.Instant.parse("2026-11-25T01:00:00Z"));
    }

    @Test
    void personalDataReadsBackAsWrittenUnderItsSubjectsKey() {
        ClientRecorded event = recorded("D-1");

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        ClientRecorded read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(event);
        assertThat(keys.created).containsExactly("D-1");
        SerializedObject<String> asText = serializer.serialize(event, String.class);
        assertThat((ClientRecorded) serializer.deserialize(asText)).isEqualTo(event);
    }

    @Test
    void storedBytesHoldNoPersonalValueInClear() {
        String stored = new String(serializer.serialize(recorded("D-1"), byte[].class).getData(),
                StandardCharsets.UTF_8);

        assertThat(stored).doesNotContain(NAME, RESIDENT_ID, PHONE, CONTACT_NAME, CONTACT_PHONE);
        assertThat(stored).contains("pii:v1:D-1:");
    }

    @Test
    void everyPersonalValueIsSealedWithTheKeyOfTheEventsSubject() throws Exception {
        JsonNode stored = mapper.readTree(serializer.serialize(recorded("D-1"), byte[].class).getData());
        SecretKey key = keys.find("D-1").orElseThrow();

        assertThat(opened(stored.get("name"), "D-1", key)).isEqualTo("\"" + NAME + "\"");
        assertThat(opened(stored.get("residentId"), "D-1", key)).isEqualTo("\"" + RESIDENT_ID + "\"");
        assertThat(opened(stored.get("phone"), "D-1", key)).isEqualTo("\"" + PHONE + "\"");
        assertThat(opened(stored.at("/contact/name"), "D-1", key)).isEqualTo("\"" + CONTACT_NAME + "\"");
        assertThat(opened(stored.at("/contact/phone"), "D-1", key)).isEqualTo("\"" + CONTACT_PHONE + "\"");
        SecretKey otherKey = keys.keyFor("D-2");
        assertThatThrownBy(() -> opened(stored.get("name"), "D-1", otherKey)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fieldsThatAreNotPersonalAreStoredAsThePlainSerializerWritesThem() throws Exception {
        ClientRecorded event = recorded("D-1");
        JsonNode sealed = mapper.readTree(serializer.serialize(event, byte[].class).getData());
        JsonNode clear = mapper.readTree(plain.serialize(event, byte[].class).getData());

        for (String field : List.of("caseId", "stationCode", "workingDays", "note")) {
            assertThat(sealed.get(field)).as(field).isEqualTo(clear.get(field));
        }
        assertThat(sealed.at("/contact/relation")).isEqualTo(clear.at("/contact/relation"));
        assertThat(serializer.serialize(event, byte[].class).getType())
                .isEqualTo(plain.serialize(event, byte[].class).getType());
    }

    @Test
    void onceTheKeyIsDestroyedPersonalDataReadsAsErasedAndTheRestAsBefore() {
        SerializedObject<byte[]> stored = serializer.serialize(recorded("D-1"), byte[].class);

        keys.destroy(List.of("D-1"), "admin");
        ClientRecorded read = serializer.deserialize(stored);

        assertThat(read.name()).isEqualTo(PersonalData.ERASED);
        assertThat(read.residentId()).isNull();
        assertThat(read.phone()).isNull();
        assertThat(read.contact().name()).isEqualTo(PersonalData.ERASED);
        assertThat(read.contact().phone()).isNull();
        assertThat(read.contact().relation()).isEqualTo("儿子");
        assertThat(read.caseId()).isEqualTo("D-1");
        assertThat(read.stationCode()).isEqualTo("140521101201");
        assertThat(read.workingDays()).isEqualTo(10);
        assertThat(read.note()).isEqualTo("上门代办");
    }

    @Test
    void erasingOneSubjectLeavesAnothersDataReadable() {
        SerializedObject<byte[]> first = serializer.serialize(recorded("D-1"), byte[].class);
        SerializedObject<byte[]> second = serializer.serialize(recorded("D-2"), byte[].class);

        keys.destroy(List.of("D-1"), "admin");

        assertThat(((ClientRecorded) serializer.deserialize(first)).name()).isEqualTo(PersonalData.ERASED);
        assertThat((ClientRecorded) serializer.deserialize(second)).isEqualTo(recorded("D-2"));
    }

    @Test
    void anErasedSubjectTakesNoNewPersonalData() {
        serializer.serialize(recorded("D-1"), byte[].class);
        keys.destroy(List.of("D-1"), "admin");

        assertThatThrownBy(() -> serializer.serialize(recorded("D-1"), byte[].class))
                .isInstanceOf(ErasedDataSubjectException.class);
    }

    @Test
    void residentIdsAndPhoneNumbersAreIndexedUnderTheirSubject() {
        serializer.serialize(recorded("D-1"), byte[].class);

        assertThat(keys.indexed).containsExactlyInAnyOrder("ResidentId:" + RESIDENT_ID + "->D-1",
                "PhoneNumber:" + PHONE + "->D-1", "PhoneNumber:" + CONTACT_PHONE + "->D-1");
    }

    @Test
    void aRecordWithoutPersonalDataIsLeftToThePlainSerializer() {
        NothingPersonal event = new NothingPersonal("140521101201", "王秀英来电");

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(stored.getData()).isEqualTo(plain.serialize(event, byte[].class).getData());
        assertThat((NothingPersonal) serializer.deserialize(stored)).isEqualTo(event);
        assertThat(keys.created).isEmpty();
    }

    /** An upcaster hands in a tree, which may be read again: opening never writes the personal values into it. */
    @Test
    void aTreeHandedInStaysSealedWhenRead() throws Exception {
        ClientRecorded event = recorded("D-1");
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        JsonNode tree = mapper.readTree(stored.getData());
        SerializedObject<JsonNode> handedIn = new SimpleSerializedObject<>(tree, JsonNode.class, stored.getType());

        assertThat((ClientRecorded) serializer.deserialize(handedIn)).isEqualTo(event);
        assertThat((ClientRecorded) serializer.deserialize(handedIn)).isEqualTo(event);
        assertThat(tree.get("name").asText()).startsWith(PersonalDataSerializer.PREFIX + "D-1:");
    }

    /** A projection reads every event: its personal values (name, phone, a nested contact) cost one key look-up. */
    @Test
    void anEventsPersonalValuesAreOpenedWithOneKeyLookUp() {
        ClientRecorded event = recorded("D-1");
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        keys.lookedUp.clear();

        assertThat((ClientRecorded) serializer.deserialize(stored)).isEqualTo(event);

        assertThat(keys.lookedUp).containsExactly("D-1");
    }

    @Test
    void personalDataStoredBeforeSealingExistedReadsUnchanged() {
        ClientRecorded event = recorded("D-1");

        SerializedObject<byte[]> storedInClear = plain.serialize(event, byte[].class);

        assertThat((ClientRecorded) serializer.deserialize(storedInClear)).isEqualTo(event);
    }

    @Test
    void personalDataWithoutASubjectIsRefused() {
        assertThatThrownBy(() -> serializer.serialize(new NoSubject("D-1", NAME), byte[].class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no subject");
        assertThat(keys.created).isEmpty();
    }

    /** Opens one sealed value as the serializer wrote it: {@code pii:v1:<subject>:<base64>}. */
    private static String opened(JsonNode sealed, String subject, SecretKey key) {
        String prefix = PersonalDataSerializer.PREFIX + subject + ":";
        assertThat(sealed.asText()).startsWith(prefix);
        byte[] bytes = Base64.getDecoder().decode(sealed.asText().substring(prefix.length()));
        return new String(PersonalDataKeys.decrypt(key, bytes), StandardCharsets.UTF_8);
    }

    /**
     * The key lookup the serializer depends on, in memory: keys created on first use, destroyed on erasure, an
     * erased subject refused a new key, and the blind index recorded as kind:value->subject.
     */
    static final class InMemoryKeys extends PersonalDataKeys {

        final Map<String, SecretKey> keys = new HashMap<>();
        final Set<String> erased = new HashSet<>();
        final List<String> created = new ArrayList<>();
        final List<String> indexed = new ArrayList<>();
        final List<String> lookedUp = new ArrayList<>();

        InMemoryKeys() {
            // No database behind it: the JdbcTemplate is never reached because every method that would use it is
            // replaced below. The secrets only satisfy the constructor's checks.
            super(null, new PrivacyProperties(Base64.getEncoder().encodeToString(new byte[32]),
                    Base64.getEncoder().encodeToString(new byte[32]), Duration.ZERO, "unused"));
        }

        @Override
        public SecretKey keyFor(String subject) {
            if (erased.contains(subject)) {
                throw new ErasedDataSubjectException(subject);
            }
            return keys.computeIfAbsent(subject, s -> {
                created.add(s);
                try {
                    KeyGenerator generator = KeyGenerator.getInstance("AES");
                    generator.init(256);
                    return generator.generateKey();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public SecretKey keyFor(String subject, List<Indexed> indexed) {
            if (erased.contains(subject)) {
                throw new ErasedDataSubjectException(subject);
            }
            indexed.stream().distinct()
                    .forEach(entry -> this.indexed.add(entry.kind() + ":" + entry.value() + "->" + subject));
            return keyFor(subject);
        }

        @Override
        public Optional<SecretKey> find(String subject) {
            lookedUp.add(subject);
            return Optional.ofNullable(keys.get(subject));
        }

        @Override
        public boolean isHeld(String subject) {
            return keys.containsKey(subject);
        }

        @Override
        public boolean isErased(String subject) {
            return erased.contains(subject);
        }

        @Override
        public void destroy(List<String> subjects, String by) {
            subjects.forEach(subject -> {
                keys.remove(subject);
                erased.add(subject);
                indexed.removeIf(entry -> entry.endsWith("->" + subject));
            });
        }

        @Override
        public List<String> subjectsOf(String kind, String value) {
            return indexed.stream().filter(entry -> entry.startsWith(kind + ":" + value + "->"))
                    .map(entry -> entry.substring(entry.indexOf("->") + 2)).toList();
        }
    }
}

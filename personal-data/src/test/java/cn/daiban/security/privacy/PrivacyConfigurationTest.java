package cn.daiban.security.privacy;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The event serializer as the application gets it: wrapped once, with the key store looked up once. */
class PrivacyConfigurationTest {

    record Recorded(@DataSubject String caseId, @PersonalData String name, @PersonalData String note) {
    }

    @Test
    void theKeyStoreIsLookedUpOnceNotAtEveryValueSealedOrOpened() {
        PersonalDataSerializerTest.InMemoryKeys keys = new PersonalDataSerializerTest.InMemoryKeys();
        AtomicInteger lookUps = new AtomicInteger();
        ObjectProvider<PersonalDataKeys> provider = new ObjectProvider<>() {
            @Override
            public PersonalDataKeys getObject() {
                lookUps.incrementAndGet();
                return keys;
            }

            @Override
            public PersonalDataKeys getObject(Object... args) {
                return getObject();
            }

            @Override
            public PersonalDataKeys getIfAvailable() {
                return getObject();
            }

            @Override
            public PersonalDataKeys getIfUnique() {
                return getObject();
            }
        };
        Serializer plain = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

        Object wrapped = PrivacyConfiguration.personalDataEventSerializer(provider)
                .postProcessAfterInitialization(plain, "eventSerializer");
        assertThat(wrapped).isInstanceOf(PersonalDataSerializer.class);
        assertThat(lookUps).as("not looked up while the serializer is made").hasValue(0);

        Serializer serializer = (Serializer) wrapped;
        for (int i = 0; i < 5; i++) {
            Recorded recorded = new Recorded("case-" + i, "王秀英", "上门代办");
            SerializedObject<byte[]> sealed = serializer.serialize(recorded, byte[].class);
            assertThat(new String(sealed.getData(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("王秀英");
            assertThat((Object) serializer.deserialize(sealed)).isEqualTo(recorded);
        }
        assertThat(lookUps).as("ten values sealed and ten opened").hasValue(1);
        assertThat(PrivacyConfiguration.personalDataEventSerializer(provider)
                .postProcessAfterInitialization(serializer, "eventSerializer")).isSameAs(serializer);
    }
}

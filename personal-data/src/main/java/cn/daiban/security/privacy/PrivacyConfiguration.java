package cn.daiban.security.privacy;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Crypto-shredding on both sides: the event serializer Axon configures ({@code eventSerializer}) is wrapped so
 * personal data is encrypted per data subject on the way into the event store and decrypted on the way out.
 */
@AutoConfiguration
@ConditionalOnClass(Serializer.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    @Bean
    public PersonalDataKeys personalDataKeys(JdbcTemplate jdbc, PrivacyProperties properties) {
        return new PersonalDataKeys(jdbc, properties);
    }

    @Bean
    public PersonalDataAccessLog personalDataAccessLog(JdbcTemplate jdbc, PrivacyProperties properties) {
        return new PersonalDataAccessLog(jdbc, properties);
    }

    /**
     * Wraps the event serializer. The key store is looked up lazily (the serializer is made before the beans the key
     * store needs) and then once: an {@link ObjectProvider} resolves the bean again at every call, qualifiers and
     * all, and the serializer asks for the key store at every value it seals or opens (a tenth of a projection
     * group's work on the query side, measured).
     */
    @Bean
    public static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("eventSerializer".equals(name) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)) {
                    return new PersonalDataSerializer(serializer, SingletonSupplier.of(keys::getObject));
                }
                return bean;
            }
        };
    }
}

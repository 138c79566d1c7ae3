package cn.daiban.security.privacy;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

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

    @Bean
    public static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("eventSerializer".equals(name) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)) {
                    return new PersonalDataSerializer(serializer, keys::getObject);
                }
                return bean;
            }
        };
    }
}

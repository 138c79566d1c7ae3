package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.BackdatingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Steps recorded after the fact (补录): how far back, from {@code daiban.backdating.*}. */
@Configuration(proxyBeanMethods = false)
class BackdatingConfiguration {

    @Bean
    BackdatingPolicy backdatingPolicy(BackdatingProperties properties) {
        return properties.policy();
    }
}

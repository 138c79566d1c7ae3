package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.DelegationPolicy;
import cn.daiban.kernel.calendar.ServiceClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DelegationConfiguration {

    @Bean
    DelegationPolicy delegationPolicy(DelegationProperties properties, ServiceClock clock) {
        return properties.policy(clock);
    }
}

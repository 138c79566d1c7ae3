package cn.daiban.query.infrastructure;

import cn.daiban.kernel.calendar.ServiceClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/**
 * The query side's {@link ServiceClock}, from {@code daiban.zone}: the same setting (and default) as the command
 * side, so both agree on what day an event happened on and what "today" is.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    ServiceClock serviceClock(@Value("${" + ServiceClock.PROPERTY + ":" + ServiceClock.DEFAULT_ZONE + "}") String zone) {
        return new ServiceClock(ZoneId.of(zone));
    }
}

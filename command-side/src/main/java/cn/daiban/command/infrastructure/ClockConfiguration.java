package cn.daiban.command.infrastructure;

import cn.daiban.kernel.calendar.ServiceClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneId;

/**
 * The command side's {@link ServiceClock}, from {@code daiban.zone} (the query side reads the same setting). The
 * earlier {@code daiban.delegation.zone} is still read when {@code daiban.zone} is not set, so a deployment that set
 * it keeps its zone; it is deprecated.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    ServiceClock serviceClock(
            @Value("${" + ServiceClock.PROPERTY + ":${daiban.delegation.zone:" + ServiceClock.DEFAULT_ZONE + "}}")
            String zone) {
        return new ServiceClock(ZoneId.of(zone));
    }
}

package cn.daiban.query.infrastructure;

import cn.daiban.kernel.calendar.ServiceClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side reads the same setting as the command side, with the same default. */
class ClockConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ClockConfiguration.class);

    @Test
    void unsetItIsTheDefaultZone() {
        context.run(c -> assertThat(c.getBean(ServiceClock.class).zone())
                .isEqualTo(ZoneId.of(ServiceClock.DEFAULT_ZONE)));
    }

    @Test
    void daibanZoneSetsIt() {
        context.withPropertyValues("daiban.zone=Asia/Urumqi")
                .run(c -> assertThat(c.getBean(ServiceClock.class).zone()).isEqualTo(ZoneId.of("Asia/Urumqi")));
    }
}

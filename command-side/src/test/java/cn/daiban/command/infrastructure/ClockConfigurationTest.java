package cn.daiban.command.infrastructure;

import cn.daiban.kernel.calendar.ServiceClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The command side's clock comes from daiban.zone; the old daiban.delegation.zone still counts when it is unset. */
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

    @Test
    void theDeprecatedDelegationZoneCountsOnlyWhenDaibanZoneIsUnset() {
        context.withPropertyValues("daiban.delegation.zone=Asia/Urumqi")
                .run(c -> assertThat(c.getBean(ServiceClock.class).zone()).isEqualTo(ZoneId.of("Asia/Urumqi")));
        context.withPropertyValues("daiban.delegation.zone=Asia/Urumqi", "daiban.zone=UTC")
                .run(c -> assertThat(c.getBean(ServiceClock.class).zone()).isEqualTo(ZoneId.of("UTC")));
    }

    @Test
    void theDelegationPolicyTakesTheClocksZone() {
        context.withPropertyValues("daiban.zone=Asia/Urumqi")
                .withUserConfiguration(DelegationConfiguration.class)
                .withBean(DelegationProperties.class, () -> new DelegationProperties(1, 2, 30, 3, 5, 3, 1))
                .run(c -> assertThat(c.getBean(cn.daiban.command.delegation.DelegationPolicy.class).zone())
                        .isEqualTo(ZoneId.of("Asia/Urumqi")));
    }

    @Test
    void anUnknownZoneStopsTheStart() {
        context.withPropertyValues("daiban.zone=Mars/Olympus")
                .run(c -> assertThat(c).hasFailed());
    }
}

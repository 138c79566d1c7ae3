package cn.daiban.kernel.calendar;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClockTest {

    private final Clock original = GenericEventMessage.clock;

    @AfterEach
    void restoreAxonClock() {
        GenericEventMessage.clock = original;
    }

    @Test
    void defaultsToChinaStandardTime() {
        assertThat(ServiceClock.defaults().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(ServiceClock.PROPERTY).isEqualTo("daiban.zone");
    }

    @Test
    void todayIsTheCentresLocalDateOfAxonsEventClock() {
        // 16:30 UTC on 30 Nov is already 00:30 on 1 Dec in Shanghai.
        GenericEventMessage.clock = Clock.fixed(Instant.parse("2026-11-30T16:30:00Z"), ZoneOffset.UTC);
        ServiceClock clock = ServiceClock.defaults();

        assertThat(clock.now()).isEqualTo(Instant.parse("2026-11-30T16:30:00Z"));
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(new ServiceClock(ZoneOffset.UTC).today()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void daysStartAndEndAtTheCentresMidnight() {
        ServiceClock clock = ServiceClock.defaults();

        assertThat(clock.startOf(LocalDate.of(2026, 12, 1))).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(clock.endOf(LocalDate.of(2026, 12, 1))).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(clock.dayOf(Instant.parse("2026-12-01T15:59:59Z"))).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(clock.dayOf(Instant.parse("2026-12-01T16:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 2));
    }

    @Test
    void aZoneIsRequired() {
        assertThatThrownBy(() -> new ServiceClock(null)).isInstanceOf(NullPointerException.class);
    }
}

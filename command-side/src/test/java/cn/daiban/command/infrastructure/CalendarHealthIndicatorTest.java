package cn.daiban.command.infrastructure;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator is warned from the configured day (default 1 November) while next year is not loaded. */
class CalendarHealthIndicatorTest {

    private final Clock original = GenericEventMessage.clock;

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = original;
    }

    private static Health checkOn(LocalDate day, String warnFrom, int... loaded) {
        GenericEventMessage.clock = Clock.fixed(day.atTime(12, 0).atZone(ServiceClock.defaults().zone()).toInstant(),
                ZoneOffset.UTC);
        List<CalendarYearData> years = java.util.Arrays.stream(loaded)
                .mapToObj(year -> new CalendarYearData(year, Set.of(), Set.of(), "notice " + year)).toList();
        return new CalendarHealthIndicator(() -> WorkingDayCalendar.of(years), ServiceClock.defaults(),
                new CalendarProperties(warnFrom)).health();
    }

    @Test
    void nextYearMissingWarnsFromTheConfiguredDay() {
        assertThat(checkOn(LocalDate.of(2026, 10, 31), "11-01", 2025, 2026).getStatus()).isEqualTo(Status.UP);
        Health warned = checkOn(LocalDate.of(2026, 11, 1), "11-01", 2025, 2026);
        assertThat(warned.getStatus().getCode()).isEqualTo("WARNING");
        assertThat(warned.getDetails().get("warning").toString()).contains("2027 is not loaded");
        assertThat(checkOn(LocalDate.of(2026, 12, 1), "11-01", 2025, 2026, 2027).getStatus()).isEqualTo(Status.UP);
        assertThat(checkOn(LocalDate.of(2026, 10, 15), "10-15", 2026).getStatus().getCode()).isEqualTo("WARNING");
    }
}

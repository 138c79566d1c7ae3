package cn.daiban.query.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** DOMAIN.md "Time": the dashboard warns from the configured day while next year's calendar is not loaded. */
class CalendarWarningTest {

    private final CalendarYearRepository years = mock(CalendarYearRepository.class);
    private final CalendarWarning warning = new CalendarWarning(years, "11-01");

    @Test
    void nextYearMissingFromTheFirstOfNovemberIsAWarning() {
        when(years.existsById(2027)).thenReturn(false);
        assertThat(warning.on(LocalDate.of(2026, 11, 1))).hasValueSatisfying(text -> assertThat(text).contains("2027"));
        assertThat(warning.on(LocalDate.of(2026, 10, 31))).isEmpty();
    }

    @Test
    void nextYearLoadedIsNoWarning() {
        when(years.existsById(2027)).thenReturn(true);
        assertThat(warning.on(LocalDate.of(2026, 12, 2))).isEmpty();
    }
}

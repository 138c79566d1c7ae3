package cn.daiban.query.web;

import cn.daiban.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A period of the satisfaction summary (logged in and public): a year, a month or a quarter from 2000 to 2100, as its
 * first and last day; anything else is refused naming {@code period} (a month 13 was a 500).
 */
class PeriodTest {

    @Test
    void aYearAMonthOrAQuarterIsItsFirstAndLastDay() {
        assertThat(DashboardController.period("2026")).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(DashboardController.period("2026-02")).containsExactly(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
        assertThat(DashboardController.period("2026-Q4")).containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31));
    }

    @Test
    void aMonthOrYearOutOfRangeIsRefusedNamingThePeriod() {
        for (String period : new String[]{"2026-13", "2026-00", "2026-99", "1899", "0000-01", "2101-Q1"}) {
            assertThatThrownBy(() -> DashboardController.period(period)).as(period)
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("period"));
        }
    }
}

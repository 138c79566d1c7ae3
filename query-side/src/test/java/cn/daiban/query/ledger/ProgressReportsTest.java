package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rule {@value ProgressReports#RULE} (002 代办·承办 定期提供进度报告): the client of a proxy in hand hears again by the
 * fifth working day after they last heard, and the proxy is flagged from the next working day; holidays do not count,
 * an adjusted working weekend day (调休上班) does.
 */
class ProgressReportsTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    final ProgressReports every5 = new ProgressReports(null, null, new ProgressProperties(5));

    @Test
    void heardOnMondayTheClientHearsAgainByNextMondayAndTheProxyIsFlaggedFromTuesday() {
        WorkingDayCalendar weekdays = WorkingDayCalendar.of(List.of());
        assertThat(every5.due(MONDAY, weekdays)).isEqualTo(MONDAY.plusDays(7));
        assertThat(every5.late(MONDAY, MONDAY.plusDays(7), weekdays)).as("next Monday").isFalse();
        assertThat(every5.late(MONDAY, MONDAY.plusDays(8), weekdays)).as("next Tuesday").isTrue();
        assertThat(ProgressReports.RULE).isEqualTo("progress-reported-regularly");
    }

    @Test
    void aHolidayDoesNotCountAndAnAdjustedWorkingSaturdayDoes() {
        // Wednesday off, Saturday worked: heard on Monday, the five working days are Tue, Thu, Fri, Sat, Mon.
        WorkingDayCalendar adjusted = WorkingDayCalendar.of(List.of(new CalendarYearData(2026,
                Set.of(MONDAY.plusDays(2)), Set.of(MONDAY.plusDays(5)), "test")));
        assertThat(every5.due(MONDAY, adjusted)).isEqualTo(MONDAY.plusDays(7));
        assertThat(every5.late(MONDAY, MONDAY.plusDays(7), adjusted)).isFalse();
        assertThat(every5.late(MONDAY, MONDAY.plusDays(8), adjusted)).isTrue();
        // Wednesday off alone: due on Tuesday, flagged from Wednesday.
        WorkingDayCalendar holiday = WorkingDayCalendar.of(List.of(new CalendarYearData(2026,
                Set.of(MONDAY.plusDays(2)), Set.of(), "test")));
        assertThat(every5.due(MONDAY, holiday)).isEqualTo(MONDAY.plusDays(8));
        assertThat(every5.late(MONDAY, MONDAY.plusDays(8), holiday)).isFalse();
        assertThat(every5.late(MONDAY, MONDAY.plusDays(9), holiday)).isTrue();
    }

    @Test
    void theIntervalIsFromOneToSixtyWorkingDays() {
        assertThatThrownBy(() -> new ProgressProperties(0)).hasMessageContaining("report-every-working-days");
        assertThatThrownBy(() -> new ProgressProperties(61)).hasMessageContaining("report-every-working-days");
    }
}

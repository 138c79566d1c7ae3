package cn.daiban.kernel.calendar;

import cn.daiban.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the 2025 and 2026 State Council dates and the arithmetic on them. */
class WorkingDayCalendarTest {

    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(List.of(
            new CalendarYearData(2025, days("2025-01-01", "2025-01-01", "2025-01-28", "2025-02-04", "2025-04-04",
                    "2025-04-06", "2025-05-01", "2025-05-05", "2025-05-31", "2025-06-02", "2025-10-01", "2025-10-08"),
                    Set.of(d("2025-01-26"), d("2025-02-08"), d("2025-04-27"), d("2025-09-28"), d("2025-10-11")),
                    "国办发明电〔2024〕12号"),
            new CalendarYearData(2026, days("2026-01-01", "2026-01-03", "2026-02-15", "2026-02-23", "2026-04-04",
                    "2026-04-06", "2026-05-01", "2026-05-05", "2026-06-19", "2026-06-21", "2026-09-25", "2026-09-27",
                    "2026-10-01", "2026-10-07"),
                    Set.of(d("2026-01-04"), d("2026-02-14"), d("2026-02-28"), d("2026-05-09"), d("2026-09-20"),
                            d("2026-10-10")),
                    "2025年11月4日通知")));

    static LocalDate d(String day) {
        return LocalDate.parse(day);
    }

    /** Pairs of from / to (inclusive). */
    static Set<LocalDate> days(String... ranges) {
        Set<LocalDate> days = new HashSet<>();
        for (int i = 0; i < ranges.length; i += 2) {
            for (LocalDate day = d(ranges[i]); !day.isAfter(d(ranges[i + 1])); day = day.plusDays(1)) {
                days.add(day);
            }
        }
        return days;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01", "2025-01-28", "2025-02-04", "2025-04-04", "2025-05-05", "2025-05-31",
            "2025-06-02", "2025-10-01", "2025-10-08", "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-23",
            "2026-04-06", "2026-05-04", "2026-06-19", "2026-09-25", "2026-10-07"})
    void publicHolidaysAreOff(String day) {
        assertThat(CALENDAR.isWorkingDay(d(day))).isFalse();
        assertThat(CALENDAR.reason(d(day))).isEqualTo("法定节假日");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
            "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    void adjustedWeekendsAreWorkingDays(String day) {
        assertThat(CALENDAR.isWorkingDay(d(day))).isTrue();
        assertThat(CALENDAR.reason(d(day))).isEqualTo("调休上班");
    }

    @Test
    void ordinaryWeekendsAreOffAndWeekdaysOn() {
        assertThat(CALENDAR.isWorkingDay(d("2026-11-28"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(d("2026-11-29"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(d("2026-11-24"))).isTrue();
        assertThat(CALENDAR.reason(d("2026-11-24"))).isEqualTo("工作日");
    }

    @Test
    void limitSpanningTheSpringFestival2026() {
        // Thu 12 Feb: Fri 13 (1), Sat 14 调休 (2), 15–23 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
        assertThat(CALENDAR.addWorkingDays(d("2026-02-12"), 5)).isEqualTo(d("2026-02-26"));
        assertThat(CALENDAR.workingDaysBetween(d("2026-02-12"), d("2026-02-26"))).isEqualTo(5);
        // 20 working days from the last day before the holiday: runs past Sat 28 Feb (调休上班).
        assertThat(CALENDAR.addWorkingDays(d("2026-02-14"), 20)).isEqualTo(d("2026-03-20"));
    }

    @Test
    void limitSpanningTheYearEnd() {
        // Tue 30 Dec 2025: Wed 31 (1), 1–3 Jan off, Sun 4 Jan 调休 (2), Mon 5 (3).
        assertThat(CALENDAR.addWorkingDays(d("2025-12-30"), 3)).isEqualTo(d("2026-01-05"));
    }

    @Test
    void limitSpanningNationalDay2025() {
        // Fri 26 Sep 2025: Sun 28 调休 (1), Mon 29 (2), Tue 30 (3), 1–8 Oct off, Thu 9 (4), Fri 10 (5), Sat 11 调休 (6).
        assertThat(CALENDAR.addWorkingDays(d("2025-09-26"), 6)).isEqualTo(d("2025-10-11"));
    }

    @Test
    void zeroWorkingDaysIsSettledOnTheSpot() {
        assertThat(CALENDAR.addWorkingDays(d("2026-02-16"), 0)).isEqualTo(d("2026-02-16"));
        assertThat(CALENDAR.workingDaysBetween(d("2026-11-24"), d("2026-11-24"))).isZero();
        assertThat(CALENDAR.workingDaysBetween(d("2026-11-25"), d("2026-11-24"))).isZero();
    }

    @Test
    void workingDaysBackwardsSkipWeekendsAndHolidaysAndCountAdjustedWeekends() {
        // Mon 30 Nov 2026: one working day before is Fri 27, the weekend between does not count.
        assertThat(CALENDAR.minusWorkingDays(d("2026-11-30"), 1)).isEqualTo(d("2026-11-27"));
        // Thu 26 Feb 2026, back over the Spring Festival: Wed 25 (1), Tue 24 (2), 15–23 off, Sat 14 调休 (3), Fri 13 (4).
        assertThat(CALENDAR.minusWorkingDays(d("2026-02-26"), 2)).isEqualTo(d("2026-02-24"));
        assertThat(CALENDAR.minusWorkingDays(d("2026-02-26"), 3)).isEqualTo(d("2026-02-14"));
        assertThat(CALENDAR.minusWorkingDays(d("2026-02-26"), 4)).isEqualTo(d("2026-02-13"));
        // Back over the year end: Mon 5 Jan 2026, Sun 4 调休 (1), 1–3 off, Wed 31 Dec 2025 (2).
        assertThat(CALENDAR.minusWorkingDays(d("2026-01-05"), 2)).isEqualTo(d("2025-12-31"));
        // The date itself never counts, even when it is a holiday.
        assertThat(CALENDAR.minusWorkingDays(d("2026-10-01"), 1)).isEqualTo(d("2026-09-30"));
    }

    @Test
    void workingDaysBackwardsUndoAddingThemOnAWorkingDay() {
        for (LocalDate start = d("2025-01-02"); start.isBefore(d("2026-12-01")); start = start.plusDays(1)) {
            if (CALENDAR.isWorkingDay(start)) {
                LocalDate due = CALENDAR.addWorkingDays(start, 5);
                assertThat(CALENDAR.minusWorkingDays(due, 5)).as("5 working days back from %s", due).isEqualTo(start);
            }
        }
    }

    @Test
    void zeroWorkingDaysBackwardsIsTheDateItself() {
        assertThat(CALENDAR.minusWorkingDays(d("2026-02-16"), 0)).isEqualTo(d("2026-02-16"));
    }

    @Test
    void workingDaysBackwardsIntoAYearNotLoadedAreNamed() {
        assertThatThrownBy(() -> CALENDAR.minusWorkingDays(d("2025-01-02"), 2))
                .isInstanceOf(CalendarYearNotLoadedException.class)
                .hasMessageContaining("2024");
    }

    @Test
    void aYearNotLoadedIsNamedNeverGuessed() {
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(d("2027-03-01")))
                .isInstanceOf(CalendarYearNotLoadedException.class)
                .hasMessageContaining("2027");
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(d("2026-12-28"), 5))
                .isInstanceOfSatisfying(CalendarYearNotLoadedException.class, e -> assertThat(e.year()).isEqualTo(2027));
    }

    @Test
    void yearDataIsChecked() {
        assertThatThrownBy(() -> new CalendarYearData(2026, Set.of(d("2025-12-31")), Set.of(), "x"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("holidays");
        assertThatThrownBy(() -> new CalendarYearData(2026, Set.of(), Set.of(d("2026-11-24")), "x"))
                .hasMessageContaining("only a weekend day");
        assertThatThrownBy(() -> new CalendarYearData(2026, Set.of(d("2026-02-14")), Set.of(d("2026-02-14")), "x"))
                .hasMessageContaining("both");
    }
}

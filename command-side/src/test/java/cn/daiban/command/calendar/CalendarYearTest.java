package cn.daiban.command.calendar;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.calendar.CalendarYearRevisedEvent;
import cn.daiban.kernel.calendar.LoadCalendarYearCommand;
import cn.daiban.kernel.calendar.ReviseCalendarYearCommand;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarYearTest {

    static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2027, 1, 1));
    static final Set<LocalDate> WORKING = Set.of(LocalDate.of(2027, 2, 6));

    private List<CalendarYearData> loaded = List.of();

    private AggregateTestFixture<CalendarYear> fixture() {
        AggregateTestFixture<CalendarYear> fixture = new AggregateTestFixture<>(CalendarYear.class);
        fixture.registerInjectableResource((CalendarProvider) () -> WorkingDayCalendar.of(loaded));
        return fixture;
    }

    @Test
    void aNewYearIsLoadedAsAnEvent() {
        fixture().givenNoPriorActivity()
                .when(new LoadCalendarYearCommand(2027, HOLIDAYS, WORKING, "2027年通知"))
                .expectEvents(new CalendarYearLoadedEvent(2027, HOLIDAYS, WORKING, "2027年通知"));
    }

    @Test
    void aLoadedYearIsNotLoadedTwice() {
        loaded = List.of(new CalendarYearData(2027, HOLIDAYS, WORKING, "2027年通知"));
        fixture().givenNoPriorActivity()
                .when(new LoadCalendarYearCommand(2027, HOLIDAYS, WORKING, "2027年通知"))
                .expectException(refusedBy("calendar-year-loaded-once")).expectNoEvents();
    }

    @Test
    void aRevisionIsNumberedAndMustChangeSomething() {
        Set<LocalDate> more = Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 2));
        fixture().given(new CalendarYearLoadedEvent(2027, HOLIDAYS, WORKING, "2027年通知"))
                .when(new ReviseCalendarYearCommand(2027, more, WORKING, "2027年通知", "补充元旦假期"))
                .expectEvents(new CalendarYearRevisedEvent(2027, 2, more, WORKING, "2027年通知", "补充元旦假期"));
        fixture().given(new CalendarYearLoadedEvent(2027, HOLIDAYS, WORKING, "2027年通知"))
                .when(new ReviseCalendarYearCommand(2027, HOLIDAYS, WORKING, "2027年通知", "no change"))
                .expectException(refusedBy("revision-changes-something", "holidays")).expectNoEvents();
    }

    @Test
    void datesOutsideTheYearOrAWeekdayAsAdjustedWorkingDayAreBadInput() {
        assertThatThrownBy(() -> new LoadCalendarYearCommand(2027, Set.of(LocalDate.of(2026, 12, 31)), WORKING, "x"))
                .hasMessageContaining("holidays");
        assertThatThrownBy(() -> new LoadCalendarYearCommand(2027, HOLIDAYS, Set.of(LocalDate.of(2027, 2, 8)), "x"))
                .hasMessageContaining("adjustedWorkingDays");
    }
}

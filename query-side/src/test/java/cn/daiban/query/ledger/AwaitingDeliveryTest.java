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
 * Rule {@value AwaitingDelivery#RULE} (004 §6.3.3.3 及时送达): a result is due by the allowed working days after the
 * day of completion and late from the next working day; with no calendar year loaded, weekends alone are off.
 */
class AwaitingDeliveryTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    final WorkingDayCalendar weekdays = WorkingDayCalendar.of(List.of());

    static AwaitingDelivery within(int workingDays) {
        return new AwaitingDelivery(null, null, new DeliveryProperties(workingDays));
    }

    @Test
    void aResultCompletedOnMondayIsDueOnThursdayAndLateFromFriday() {
        AwaitingDelivery delivery = within(3);
        assertThat(delivery.due(MONDAY, weekdays)).isEqualTo(MONDAY.plusDays(3));
        assertThat(delivery.late(MONDAY, MONDAY.plusDays(3), weekdays)).as("Thursday").isFalse();
        assertThat(delivery.late(MONDAY, MONDAY.plusDays(4), weekdays)).as("Friday").isTrue();
        assertThat(AwaitingDelivery.RULE).isEqualTo("result-delivered-promptly");
    }

    @Test
    void aWeekendAndAHolidayDoNotCount() {
        LocalDate friday = MONDAY.plusDays(4);
        AwaitingDelivery delivery = within(3);
        assertThat(delivery.due(friday, weekdays)).as("Wednesday").isEqualTo(friday.plusDays(5));
        assertThat(delivery.late(friday, friday.plusDays(5), weekdays)).as("Wednesday").isFalse();
        assertThat(delivery.late(friday, friday.plusDays(6), weekdays)).as("Thursday").isTrue();
        // Thursday a holiday: completed on Monday, due on Friday, late from the Monday after.
        WorkingDayCalendar thursdayOff = WorkingDayCalendar.of(List.of(new CalendarYearData(2026,
                Set.of(MONDAY.plusDays(3)), Set.of(), "test")));
        assertThat(delivery.due(MONDAY, thursdayOff)).isEqualTo(MONDAY.plusDays(4));
        assertThat(delivery.late(MONDAY, MONDAY.plusDays(6), thursdayOff)).as("Sunday").isFalse();
        assertThat(delivery.late(MONDAY, MONDAY.plusDays(7), thursdayOff)).as("next Monday").isTrue();
    }

    @Test
    void withNoDaysAllowedAResultIsDueOnTheDayOfCompletion() {
        AwaitingDelivery delivery = within(0);
        assertThat(delivery.due(MONDAY, weekdays)).isEqualTo(MONDAY);
        assertThat(delivery.late(MONDAY, MONDAY, weekdays)).isFalse();
        assertThat(delivery.late(MONDAY, MONDAY.plusDays(1), weekdays)).isTrue();
    }

    @Test
    void theDaysAllowedAreBounded() {
        assertThatThrownBy(() -> new DeliveryProperties(-1)).hasMessageContaining("within-working-days");
        assertThatThrownBy(() -> new DeliveryProperties(61)).hasMessageContaining("within-working-days");
    }
}

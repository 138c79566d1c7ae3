package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule {@value PendingTransfers#RULE} (003 三(五)): a transfer waiting for its receiver is late once two working days
 * have passed after the day it was requested. With no calendar year loaded, weekends alone are off.
 */
class PendingTransfersTest {

    final PendingTransfers transfers = new PendingTransfers(null, null, ServiceClock.defaults());
    final WorkingDayCalendar weekdays = WorkingDayCalendar.of(List.of());

    static Instant at(LocalDate day) {
        return day.atTime(16, 30).atZone(ZoneId.of(ServiceClock.DEFAULT_ZONE)).toInstant();
    }

    @Test
    void transferAcceptedWithinAWorkingDayIsNotLateUntilTheSecondWorkingDayAfterItWasRequested() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(transfers.late(at(monday), monday, weekdays)).isFalse();
        assertThat(transfers.late(at(monday), monday.plusDays(1), weekdays)).isFalse();
        assertThat(transfers.late(at(monday), monday.plusDays(2), weekdays)).isTrue();
        assertThat(PendingTransfers.RULE).isEqualTo("transfer-accepted-within-a-working-day");
    }

    @Test
    void aWeekendDoesNotCountAsWorkingDays() {
        LocalDate friday = LocalDate.of(2026, 11, 27);
        assertThat(transfers.late(at(friday), friday.plusDays(3), weekdays)).as("Monday").isFalse();
        assertThat(transfers.late(at(friday), friday.plusDays(4), weekdays)).as("Tuesday").isTrue();
    }
}

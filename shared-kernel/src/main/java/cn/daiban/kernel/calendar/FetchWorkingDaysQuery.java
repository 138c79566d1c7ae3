package cn.daiban.kernel.calendar;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * Working-day arithmetic on the loaded calendar: whether {@code from} is a working day, the date {@code days}
 * working days after it (if given), and the working days between {@code from} and {@code to} (if given).
 */
public record FetchWorkingDaysQuery(LocalDate from, Integer days, LocalDate to) {

    public FetchWorkingDaysQuery {
        Require.present(from, "from");
        if (days != null) {
            Require.between(days, 0, 365, "days");
        }
        if (to != null && to.isBefore(from)) {
            throw new InvalidValueException("to", "must not be before from");
        }
    }
}

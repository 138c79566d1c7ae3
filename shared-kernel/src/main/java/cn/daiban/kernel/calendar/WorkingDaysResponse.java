package cn.daiban.kernel.calendar;

import java.time.LocalDate;

/**
 * @param workingDay  whether {@code from} is a working day, and {@code reason} why (工作日, 周末, 法定节假日, 调休上班)
 * @param dateAfter   {@code days} working days after {@code from} (null unless asked)
 * @param workingDaysBetween working days after {@code from} up to and including {@code to} (null unless asked)
 */
public record WorkingDaysResponse(LocalDate from, boolean workingDay, String reason, Integer days, LocalDate dateAfter,
                                  LocalDate to, Integer workingDaysBetween) {
}

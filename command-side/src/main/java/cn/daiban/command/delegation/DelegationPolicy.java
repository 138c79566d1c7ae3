package cn.daiban.command.delegation;

import cn.daiban.kernel.calendar.ServiceClock;

import java.time.ZoneId;

/**
 * The tunable time rules of a delegation (set in {@code daiban.delegation.*}, the zone in {@code daiban.zone}; see
 * the README).
 *
 * @param zone                         the service centre's time zone: days and deadlines are its local days;
 *                                     always the {@link ServiceClock}'s (setting {@code daiban.zone})
 * @param warningWorkingDays           the deadline warning fires this many working days before the deadline
 * @param supplementGraceWorkingDays   after the reminder for overdue materials, this many working days until the
 *                                     delegation is suspended (materials overdue)
 * @param continuationCalendarDays     a suspended delegation may continue for this many calendar days
 * @param evaluationReminderDays       calendar days after delivery without a grade before the one reminder
 * @param rectificationWorkingDays     a rectification after a poor grade is due within this many working days
 * @param forwardWithinWorkingDays     a matter outside the station's authority must be escalated within this
 *                                     many working days of commissioning
 * @param returnWorkingDays            working days kept at the end of the limit for an escalated result to come
 *                                     back down and be delivered: the upper level is due that much earlier
 */
public record DelegationPolicy(ZoneId zone, int warningWorkingDays, int supplementGraceWorkingDays,
                               int continuationCalendarDays, int evaluationReminderDays,
                               int rectificationWorkingDays, int forwardWithinWorkingDays, int returnWorkingDays) {

    /** The service's one clock in this zone: the centre's days are computed there, as on the query side. */
    public ServiceClock clock() {
        return new ServiceClock(zone);
    }

    public static DelegationPolicy defaults() {
        return new DelegationPolicy(ServiceClock.defaults().zone(), 1, 2, 30, 3, 5, 3, 1);
    }
}

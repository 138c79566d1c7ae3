package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.DelegationPolicy;
import cn.daiban.kernel.calendar.ServiceClock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delegation's time rules ({@code daiban.delegation.*}); see {@link DelegationPolicy} for each. The time zone
 * is not one of them: it is the service's one {@link ServiceClock} ({@code daiban.zone}).
 */
@ConfigurationProperties("daiban.delegation")
public record DelegationProperties(
        @DefaultValue("1") int warningWorkingDays,
        @DefaultValue("2") int supplementGraceWorkingDays,
        @DefaultValue("30") int continuationCalendarDays,
        @DefaultValue("3") int evaluationReminderDays,
        @DefaultValue("5") int rectificationWorkingDays,
        @DefaultValue("3") int forwardWithinWorkingDays,
        @DefaultValue("1") int returnWorkingDays) {

    DelegationPolicy policy(ServiceClock clock) {
        return new DelegationPolicy(clock.zone(), warningWorkingDays, supplementGraceWorkingDays,
                continuationCalendarDays, evaluationReminderDays, rectificationWorkingDays, forwardWithinWorkingDays,
                returnWorkingDays);
    }
}

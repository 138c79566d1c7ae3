package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.DelegationPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/** The delegation's time rules ({@code daiban.delegation.*}); see {@link DelegationPolicy} for each. */
@ConfigurationProperties("daiban.delegation")
public record DelegationProperties(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1") int warningWorkingDays,
        @DefaultValue("2") int supplementGraceWorkingDays,
        @DefaultValue("30") int continuationCalendarDays,
        @DefaultValue("3") int evaluationReminderDays,
        @DefaultValue("5") int rectificationWorkingDays,
        @DefaultValue("3") int forwardWithinWorkingDays,
        @DefaultValue("1") int returnWorkingDays) {

    DelegationPolicy policy() {
        return new DelegationPolicy(zone, warningWorkingDays, supplementGraceWorkingDays, continuationCalendarDays,
                evaluationReminderDays, rectificationWorkingDays, forwardWithinWorkingDays, returnWorkingDays);
    }
}

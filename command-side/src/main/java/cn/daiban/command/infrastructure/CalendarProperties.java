package cn.daiban.command.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.MonthDay;
import java.time.format.DateTimeParseException;

/**
 * The working-day calendar's upkeep ({@code daiban.calendar.*}).
 *
 * @param warnNextYearFrom from this day of the year (MM-dd, default 11-01) an administrator is warned while next
 *                         year's calendar is not loaded (the State Council publishes it in late October or in
 *                         November; assumption: the first of November leaves the month the notice usually needs)
 */
@ConfigurationProperties("daiban.calendar")
public record CalendarProperties(@DefaultValue("11-01") String warnNextYearFrom) {

    public CalendarProperties {
        try {
            MonthDay.parse("--" + warnNextYearFrom);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("daiban.calendar.warn-next-year-from must be MM-dd, e.g. 11-01");
        }
    }

    MonthDay warnFrom() {
        return MonthDay.parse("--" + warnNextYearFrom);
    }
}

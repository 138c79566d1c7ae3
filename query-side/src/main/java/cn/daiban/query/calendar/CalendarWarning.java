package cn.daiban.query.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * What the dashboard tells an administrator while next year's working-day calendar is missing (DOMAIN.md "Time"):
 * from {@code daiban.calendar.warn-next-year-from} (MM-dd, default 11-01: the setting the command side's health
 * indicator reads too, one key for both applications), promised dates that reach into next year count weekends only
 * and are marked provisional until the year is loaded.
 */
@Component
public class CalendarWarning {

    private final CalendarYearRepository years;
    private final MonthDay warnFrom;

    CalendarWarning(CalendarYearRepository years,
                    @Value("${daiban.calendar.warn-next-year-from:11-01}") String warnNextYearFrom) {
        this.years = years;
        this.warnFrom = MonthDay.parse("--" + warnNextYearFrom);
    }

    /** The warning on {@code today}, or empty before the warning date or once next year is loaded. */
    public Optional<String> on(LocalDate today) {
        if (today.isBefore(warnFrom.atYear(today.getYear()))) {
            return Optional.empty();
        }
        int next = today.getYear() + 1;
        return years.existsById(next) ? Optional.empty() : Optional.of(next + "年工作日历（节假日安排）尚未载入："
                + "承诺办结日期跨入" + next + "年的办件暂按周末计算并标为暂定，载入后由系统重新计算并告知服务对象"
                + " (the " + next + " working-day calendar is not loaded; promised dates reaching into it are provisional)");
    }
}

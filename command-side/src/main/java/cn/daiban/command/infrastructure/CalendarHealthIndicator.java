package cn.daiban.command.infrastructure;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.kernel.calendar.ServiceClock;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /actuator/health} → {@code calendar}: WARNING from {@link CalendarProperties#warnFrom()} while next
 * year's working-day calendar is not loaded (promised dates that reach into it are provisional until it is), else
 * UP. Not part of readiness: a missing year is an administrator's task, not a reason to stop taking requests.
 */
@Component("calendar")
class CalendarHealthIndicator extends AbstractHealthIndicator {

    /** Between UP and DOWN (see {@code management.endpoint.health.status.order}): answered 200. */
    static final Status WARNING = new Status("WARNING", "next year's working-day calendar is not loaded");

    private final CalendarProvider calendars;
    private final ServiceClock clock;
    private final CalendarProperties properties;

    CalendarHealthIndicator(CalendarProvider calendars, ServiceClock clock, CalendarProperties properties) {
        this.calendars = calendars;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LocalDate today = clock.today();
        Set<Integer> loaded = new TreeSet<>(calendars.current().loadedYears());
        int next = today.getYear() + 1;
        boolean due = !today.isBefore(properties.warnFrom().atYear(today.getYear()));
        builder.withDetail("loadedYears", loaded).withDetail("nextYear", next);
        if (due && !loaded.contains(next)) {
            builder.status(WARNING).withDetail("warning", "the working-day calendar for " + next + " is not loaded: "
                    + "load the State Council's holiday notice (POST /api/calendar/years); until then promised dates "
                    + "reaching into " + next + " count weekends only and are marked provisional");
        } else {
            builder.up();
        }
    }
}

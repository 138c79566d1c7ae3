package cn.daiban.kernel.calendar;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The one clock of the service: the centre's time zone, "now" and "today", for the command side and the query side
 * alike. Both build it from the single setting {@value #PROPERTY} (default {@value #DEFAULT_ZONE}, the only place
 * the zone is written in the main sources).
 *
 * <p>"Now" is Axon's event clock ({@link GenericEventMessage#clock}): it is what stamps every event, so a day
 * computed here is the day of the event the handler applies, and an aggregate fixture's {@code givenCurrentTime}
 * moves it. Outside a fixture it is the system clock (UTC), so "today" is the calendar day in {@link #zone()} of
 * the present instant.
 *
 * <p>Assumption: one zone for the whole deployment (a county's centres are all in China Standard Time); a
 * multi-zone deployment would need the zone per station, which no rule asks for.
 */
public final class ServiceClock {

    /** The setting both sides read the zone from. */
    public static final String PROPERTY = "daiban.zone";

    /** The zone when {@value #PROPERTY} is not set: China Standard Time (no daylight saving). */
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    private final ZoneId zone;

    public ServiceClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The clock in {@link #DEFAULT_ZONE}: for tests and for code that runs before any configuration. */
    public static ServiceClock defaults() {
        return new ServiceClock(ZoneId.of(DEFAULT_ZONE));
    }

    /** The centre's time zone: days and deadlines are its local days. */
    public ZoneId zone() {
        return zone;
    }

    /** The present instant, by Axon's event clock. */
    public Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** The centre's local date now. */
    public LocalDate today() {
        return dayOf(now());
    }

    /** The centre's local date at {@code instant}. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The first instant of {@code day} in the centre's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The end of {@code day}: the first instant of the next day in the centre's zone. */
    public Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceClock clock && clock.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceClock[" + zone + "]";
    }
}

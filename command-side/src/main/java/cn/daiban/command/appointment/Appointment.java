package cn.daiban.command.appointment;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.appointment.*;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A booking (预约, `004 §6.1`, `004 §6.3.1`): a client's slot at a station for a service item. Staff can neither
 * refuse nor cancel it (`003 附件3 六4`) — there is no such command; only the client cancels. A booking nobody
 * served by the end of its slot (plus a grace period) is flagged as missed to supervision.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Appointment {

    enum Stage { BOOKED, CANCELLED, SERVED, MISSED }

    static final String MISSED = "appointment-missed";
    static final int GRACE_MINUTES = 30;

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private StationCode stationCode;
    private PhoneNumber phone;
    private LocalDate date;
    private LocalTime slotStart;
    private Stage stage;

    Appointment() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(BookAppointmentCommand command, StationRegistry stations, BookingSlots slots,
                CalendarProvider calendars, ServiceClock clock, DeadlineManager deadlines) {
        StationRegistry.RegisteredStation station = stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        if (station.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated("station-open", "stationCode",
                    "only an open station takes bookings; " + station.code() + " is " + station.status());
        }
        if (!station.serviceItemCodes().contains(command.itemCode().value())) {
            throw DomainRuleException.ruleViolated("item-offered", "itemCode",
                    "station " + station.code() + " does not offer " + command.itemCode());
        }
        if (command.kind() == AppointmentKind.SPECIAL_HANDLING) {
            return bookSpecialHandling(command, slots, calendars, clock, deadlines);
        }
        BookingSlots.Schedule schedule = slots.schedule(command.stationCode()).orElseThrow(() ->
                DomainRuleException.ruleViolated("schedule-published", "stationCode",
                        "station " + command.stationCode() + " has not published booking slots"));
        try {
            if (!calendars.current().isWorkingDay(command.date())) {
                throw DomainRuleException.ruleViolated("working-day", "date",
                        command.date() + " is not a working day; book special handling (kind SPECIAL_HANDLING)");
            }
        } catch (CalendarYearNotLoadedException e) {
            throw DomainRuleException.ruleViolated("calendar-year-not-loaded", "date", e.getMessage());
        }
        SlotWindow window = schedule.windows().stream()
                .filter(candidate -> candidate.startsSlot(command.slotStart()))
                .filter(candidate -> candidate.extendedHours() == (command.kind() == AppointmentKind.EXTENDED_HOURS)
                        || command.kind() == AppointmentKind.HOME_VISIT)
                .findFirst()
                .orElseThrow(() -> DomainRuleException.ruleViolated("published-slot", "slotStart",
                        command.slotStart() + " is not the start of a published " + command.kind() + " slot"));
        if (command.kind() == AppointmentKind.HOME_VISIT && !schedule.homeVisits()) {
            throw DomainRuleException.ruleViolated("home-visits-offered", "kind",
                    "station " + command.stationCode() + " does not offer home visits");
        }
        Instant start = command.date().atTime(command.slotStart()).atZone(clock.zone()).toInstant();
        if (!start.isAfter(clock.now())) {
            throw DomainRuleException.ruleViolated("slot-in-future", "slotStart", "the slot has already begun");
        }
        if (slots.booked(command.stationCode(), command.date(), command.slotStart()) >= window.capacity()) {
            throw DomainRuleException.ruleViolated("slot-capacity", "slotStart",
                    "the slot at " + command.slotStart() + " on " + command.date() + " is fully booked");
        }
        booked(command, command.slotStart().plusMinutes(window.slotMinutes()), clock, deadlines);
        return getVersion();
    }

    /** How long a special-handling appointment is held for (an assumption; the station arranges the rest). */
    static final int SPECIAL_HANDLING_MINUTES = 60;

    /**
     * 特殊办 (`000 §7.2.2 e`; `003 附件3 六4` 延时预约…不得以任何理由拒绝服务): early, late or on a non-working day, on the
     * client's request, for the station to arrange; booked in the future at any time outside the published regular
     * hours, without a slot or capacity (no published slot is taken from anyone). A time inside a published regular
     * window on a working day is a regular slot, booked as such ({@code special-handling-outside-hours}). A date in
     * a year not loaded is taken (the station arranges it whatever the calendar says).
     */
    private long bookSpecialHandling(BookAppointmentCommand command, BookingSlots slots, CalendarProvider calendars,
                                     ServiceClock clock, DeadlineManager deadlines) {
        boolean workingDay;
        try {
            workingDay = calendars.current().isWorkingDay(command.date());
        } catch (CalendarYearNotLoadedException e) {
            workingDay = false;
        }
        boolean inRegularHours = workingDay && slots.schedule(command.stationCode()).stream()
                .flatMap(schedule -> schedule.windows().stream())
                .anyMatch(window -> !window.extendedHours() && !command.slotStart().isBefore(window.from())
                        && command.slotStart().isBefore(window.to()));
        if (inRegularHours) {
            throw DomainRuleException.ruleViolated("special-handling-outside-hours", "slotStart",
                    command.slotStart() + " on " + command.date() + " is within the published working hours: "
                            + "book the regular slot (special handling is early, late or on a non-working day)");
        }
        if (!command.date().atTime(command.slotStart()).atZone(clock.zone()).toInstant().isAfter(clock.now())) {
            throw DomainRuleException.ruleViolated("slot-in-future", "slotStart", "the time has already begun");
        }
        LocalTime end = command.slotStart().plusMinutes(SPECIAL_HANDLING_MINUTES);
        // Late in the evening the hour is held to the end of the day (the booking is of one date).
        booked(command, end.isBefore(command.slotStart()) ? LocalTime.of(23, 59) : end, clock, deadlines);
        return getVersion();
    }

    private void booked(BookAppointmentCommand command, LocalTime end, ServiceClock clock, DeadlineManager deadlines) {
        apply(new AppointmentBookedEvent(command.appointmentId(), command.stationCode(), command.itemCode(),
                command.date(), command.slotStart(), end, command.kind(), command.channel(), command.clientName(),
                command.phone(), command.address()));
        Instant missedAt = command.date().atTime(end).plusMinutes(GRACE_MINUTES).atZone(clock.zone()).toInstant();
        deadlines.schedule(missedAt, MISSED, GenericDeadlineMessage.asDeadlineMessage(MISSED, command.date(), missedAt)
                .withMetaData(MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                        .and(MetadataKeys.STATION_CODE, command.stationCode().value())));
    }

    @CommandHandler
    long handle(CancelAppointmentCommand command) {
        requireBooked("cancel");
        if (!command.clientPhone().equals(phone)) {
            throw DomainRuleException.ruleViolated("only-client-cancels", "clientPhone",
                    "only the client who booked may cancel (staff may not refuse or cancel a booking)");
        }
        // The missed check is not cancelled: it is ignored once the booking is no longer open (see onMissed).
        apply(new AppointmentCancelledEvent(appointmentId, command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(ServeAppointmentCommand command) {
        requireBooked("serve");
        // The missed check is not cancelled: it is ignored once the booking is no longer open (see onMissed).
        apply(new AppointmentServedEvent(appointmentId, command.outcome(), command.reference()));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = MISSED)
    void onMissed(LocalDate day) {
        if (stage == Stage.BOOKED && day.equals(date)) {
            apply(new AppointmentMissedEvent(appointmentId, stationCode, date, slotStart),
                    MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                            .and(MetadataKeys.STATION_CODE, stationCode.value()));
        }
    }

    private void requireBooked(String action) {
        if (stage != Stage.BOOKED) {
            throw DomainRuleException.illegalTransition("appointment-booked",
                    "cannot " + action + " booking " + appointmentId + ": it is " + stage);
        }
    }

    @EventSourcingHandler
    void on(AppointmentBookedEvent event) {
        appointmentId = event.appointmentId();
        stationCode = event.stationCode();
        phone = event.phone();
        date = event.date();
        slotStart = event.slotStart();
        stage = Stage.BOOKED;
    }

    @EventSourcingHandler
    void on(AppointmentCancelledEvent event) {
        stage = Stage.CANCELLED;
    }

    @EventSourcingHandler
    void on(AppointmentServedEvent event) {
        stage = Stage.SERVED;
    }

    @EventSourcingHandler
    void on(AppointmentMissedEvent event) {
        stage = Stage.MISSED;
    }
}

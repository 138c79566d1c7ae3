package cn.daiban.command.infrastructure;

import cn.daiban.command.appointment.BookingSlots;
import cn.daiban.kernel.appointment.AppointmentBookedEvent;
import cn.daiban.kernel.appointment.AppointmentCancelledEvent;
import cn.daiban.kernel.appointment.AppointmentId;
import cn.daiban.kernel.appointment.BookingSchedulePublishedEvent;
import cn.daiban.kernel.appointment.SlotWindow;
import cn.daiban.kernel.station.StationCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Published schedules and live bookings per slot, kept in the booking commands' own transaction. */
@Component
@ProcessingGroup("booking-registry")
class JdbcBookingSlots implements BookingSlots {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    JdbcBookingSlots(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Schedule> schedule(StationCode station) {
        return jdbc.sql("select windows, home_visits from booking_schedule where station_code = ?")
                .param(station.value())
                .query((rs, n) -> new Schedule(read(rs.getString(1)), rs.getBoolean(2)))
                .optional();
    }

    /**
     * Holds the slot with a transaction-scoped advisory lock on its key before counting: at READ COMMITTED, counts
     * taken at once all saw room, and twenty bookings at once filled a slot of two with thirteen. The booking's
     * registry row is written in the same transaction (a subscribing handler), so the next one counts it. A booking
     * waiting for its slot holds its database connection meanwhile: a slot booked by more clients at once than the
     * pool has connections makes other requests wait on those bookings too (each holds the slot milliseconds).
     */
    @Override
    public int booked(StationCode station, LocalDate date, LocalTime slotStart) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("booking-slot|" + station.value() + "|" + date + "|" + slotStart)
                .query((rs, n) -> 1).list();
        return jdbc.sql("""
                        select count(*) from booking_registry
                        where station_code = ? and day = ? and slot_start = ? and active""")
                .params(station.value(), date, slotStart)
                .query(Integer.class)
                .single();
    }

    /** The station the appointment was booked at (cancelled or not), if it was booked. */
    Optional<StationCode> stationOf(AppointmentId appointmentId) {
        return jdbc.sql("select station_code from booking_registry where appointment_id = ?")
                .param(appointmentId.value())
                .query(String.class)
                .optional()
                .map(StationCode::of);
    }

    @EventHandler
    void on(BookingSchedulePublishedEvent event) throws JsonProcessingException {
        jdbc.sql("""
                        insert into booking_schedule (station_code, windows, home_visits) values (?, cast(? as jsonb), ?)
                        on conflict (station_code) do update set windows = excluded.windows, home_visits = excluded.home_visits""")
                .params(event.stationCode().value(), json.writeValueAsString(event.windows()), event.homeVisits())
                .update();
    }

    @EventHandler
    void on(AppointmentBookedEvent event) {
        jdbc.sql("""
                        insert into booking_registry (appointment_id, station_code, day, slot_start, active)
                        values (?, ?, ?, ?, true) on conflict (appointment_id) do nothing""")
                .params(event.appointmentId().value(), event.stationCode().value(), event.date(), event.slotStart())
                .update();
    }

    @EventHandler
    void on(AppointmentCancelledEvent event) {
        jdbc.sql("update booking_registry set active = false where appointment_id = ?")
                .param(event.appointmentId().value()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from booking_registry").update();
        jdbc.sql("delete from booking_schedule").update();
    }

    private List<SlotWindow> read(String windows) {
        try {
            return json.readValue(windows, new TypeReference<List<SlotWindow>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

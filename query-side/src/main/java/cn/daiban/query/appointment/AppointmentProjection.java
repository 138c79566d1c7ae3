package cn.daiban.query.appointment;

import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.privacy.DataSubjectErasedEvent;

import cn.daiban.security.privacy.Mask;

import cn.daiban.kernel.appointment.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Time;
import java.time.LocalTime;

/** Bookings per station and day, and the missed ones supervision sees. */
@Component
@ProcessingGroup("appointments")
class AppointmentProjection {

    private final JdbcTemplate jdbc;

    AppointmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AppointmentBookedEvent e) {
        jdbc.update("""
                        insert into appointment_view (appointment_id, station_code, day, slot_start, slot_end, kind,
                            channel, item_code, client_name, phone, stage)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED') on conflict (appointment_id) do nothing""",
                e.appointmentId().value(), e.stationCode().value(), Date.valueOf(e.date()), Time.valueOf(e.slotStart()),
                Time.valueOf(e.slotEnd()), e.kind().name(), e.channel().name(), e.itemCode().value(), e.clientName(),
                e.phone() == null ? null : Mask.phone(e.phone().value()));
    }

    @EventHandler
    void on(DataSubjectErasedEvent e) {
        jdbc.update("update appointment_view set client_name = ?, phone = null where appointment_id = any(?)",
                PersonalData.ERASED, e.subjectIds().toArray(String[]::new));
    }

    @EventHandler
    void on(AppointmentCancelledEvent e) {
        jdbc.update("update appointment_view set stage = 'CANCELLED' where appointment_id = ?", e.appointmentId().value());
    }

    @EventHandler
    void on(AppointmentServedEvent e) {
        jdbc.update("update appointment_view set stage = 'SERVED', outcome = ?, reference = ? where appointment_id = ?",
                e.outcome(), e.reference(), e.appointmentId().value());
    }

    @EventHandler
    void on(AppointmentMissedEvent e) {
        jdbc.update("update appointment_view set stage = 'MISSED' where appointment_id = ?", e.appointmentId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from appointment_view");
    }

    @QueryHandler
    @Transactional(readOnly = true)
    StationBookingsResponse handle(FetchStationBookingsQuery q) {
        return new StationBookingsResponse(q.stationCode().value(), q.date(), jdbc.query("""
                        select * from appointment_view where station_code = ? and day = ? order by slot_start, appointment_id""",
                (rs, n) -> new StationBookingsResponse.Booking(rs.getString("appointment_id"),
                        rs.getObject("slot_start", LocalTime.class), rs.getObject("slot_end", LocalTime.class),
                        rs.getString("kind"), rs.getString("channel"), rs.getString("item_code"),
                        rs.getString("client_name"), rs.getString("phone"), rs.getString("stage"),
                        rs.getString("outcome"), rs.getString("reference")),
                q.stationCode().value(), Date.valueOf(q.date())));
    }
}

package cn.daiban.query.openness;

import cn.daiban.kernel.appointment.BookingSchedulePublishedEvent;
import cn.daiban.kernel.openness.PublicStationsResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A station's opening hours as the public sees them: the windows of its latest booking schedule (assumption: the
 * booking schedule is the station's published opening time; the seeds name no separate field).
 */
@Component
@ProcessingGroup("public-hours")
class PublicHoursProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublicHoursProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(BookingSchedulePublishedEvent event) throws JsonProcessingException {
        var hours = event.windows().stream()
                .map(w -> new PublicStationsResponse.Hours(w.from(), w.to(), w.extendedHours()))
                .sorted(java.util.Comparator.comparing(PublicStationsResponse.Hours::from))
                .toList();
        jdbc.update("""
                        insert into public_station_hours (station_code, hours, home_visits) values (?, cast(? as jsonb), ?)
                        on conflict (station_code) do update set hours = excluded.hours, home_visits = excluded.home_visits""",
                event.stationCode().value(), json.writeValueAsString(hours), event.homeVisits());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from public_station_hours");
    }
}

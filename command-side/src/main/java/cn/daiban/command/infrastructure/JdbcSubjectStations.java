package cn.daiban.command.infrastructure;

import cn.daiban.kernel.complaint.ComplaintReceivedEvent;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The station each consultation and complaint belongs to, kept in its events' own transaction. */
@Component
@ProcessingGroup("subject-registry")
public class JdbcSubjectStations {

    private final JdbcClient jdbc;

    JdbcSubjectStations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> stationOf(String subjectId) {
        return jdbc.sql("select station_code from subject_station where subject_id = ?").param(subjectId)
                .query(String.class).optional();
    }

    @EventHandler
    void on(ConsultationRecordedEvent event) {
        remember(event.consultationId().value(), event.stationCode().value());
    }

    @EventHandler
    void on(ComplaintReceivedEvent event) {
        remember(event.complaintId().value(), event.stationCode().value());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from subject_station").update();
    }

    private void remember(String subject, String station) {
        jdbc.sql("insert into subject_station (subject_id, station_code) values (?, ?) on conflict do nothing")
                .params(subject, station).update();
    }
}

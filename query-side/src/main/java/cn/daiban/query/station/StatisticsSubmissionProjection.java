package cn.daiban.query.station;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.station.FetchStatisticsSubmissionsQuery;
import cn.daiban.kernel.station.StationStatisticsSubmittedEvent;
import cn.daiban.kernel.station.StatisticsSubmissionsResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;


import java.time.Instant;
import java.util.Map;

/** Statistics submitted upward per station and period, and which stations of a level have not submitted. */
@Component
@ProcessingGroup("statistics-submissions")
class StatisticsSubmissionProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    StatisticsSubmissionProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(StationStatisticsSubmittedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) throws JsonProcessingException {
        jdbc.update("""
                        insert into statistics_submission (station_code, period, parent_code, submitted_at, submitted_by,
                            corrections, figures)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (station_code, period) do update set submitted_at = excluded.submitted_at,
                            submitted_by = excluded.submitted_by, figures = excluded.figures,
                            corrections = greatest(statistics_submission.corrections, excluded.corrections)""",
                event.stationCode().value(), event.period(), event.parentCode() == null ? null : event.parentCode().value(),
                java.sql.Timestamp.from(at), actor, event.correction() ? 1 : 0, json.writeValueAsString(event.figures()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from statistics_submission");
    }

    @QueryHandler
    @Transactional(readOnly = true)
    StatisticsSubmissionsResponse handle(FetchStatisticsSubmissionsQuery query) {
        String parent = query.parentCode().value();
        var submitted = jdbc.query("""
                        select s.station_code, d.name, s.submitted_at, s.submitted_by, s.corrections, s.figures::text
                        from statistics_submission s left join station_directory d on d.station_code = s.station_code
                        where s.parent_code = ? and s.period = ? order by s.station_code""",
                (rs, n) -> new StatisticsSubmissionsResponse.Submission(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5), figures(rs.getString(6))),
                parent, query.period());
        var missing = jdbc.query("""
                        select d.station_code, d.name from station_directory d
                        where d.parent_code = ? and d.status = 'OPEN' and not exists (select 1 from statistics_submission s
                            where s.station_code = d.station_code and s.period = ?)
                        order by d.station_code""",
                (rs, n) -> new StatisticsSubmissionsResponse.Missing(rs.getString(1), rs.getString(2)),
                parent, query.period());
        return new StatisticsSubmissionsResponse(parent, query.period(), submitted, missing);
    }

    private Map<String, Double> figures(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Double>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package cn.daiban.query.station;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.station.FetchStatisticsSubmissionsQuery;
import cn.daiban.kernel.station.FigureCorrection;
import cn.daiban.query.ledger.StationStatistics;
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
import java.util.List;
import java.util.Map;

/**
 * Statistics submitted upward per station and period, and which stations of a level have not submitted. The figures
 * computed by the system and frozen at submission ({@code statistics_frozen}, kept by the group "frozen-figures")
 * are shown beside the recount and the station's remarks and corrections.
 */
@Component
@ProcessingGroup("statistics-submissions")
class StatisticsSubmissionProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final StationStatistics statistics;

    StatisticsSubmissionProjection(JdbcTemplate jdbc, ObjectMapper json, StationStatistics statistics) {
        this.jdbc = jdbc;
        this.json = json;
        this.statistics = statistics;
    }

    @EventHandler
    void on(StationStatisticsSubmittedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) throws JsonProcessingException {
        // The latest submission's remarks and corrections stand (a correction is a new submission of the period).
        jdbc.update("""
                        insert into statistics_submission (station_code, period, parent_code, submitted_at, submitted_by,
                            corrections, figures, remarks, figure_corrections)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                        on conflict (station_code, period) do update set submitted_at = excluded.submitted_at,
                            submitted_by = excluded.submitted_by, figures = excluded.figures,
                            corrections = greatest(statistics_submission.corrections, excluded.corrections),
                            remarks = excluded.remarks, figure_corrections = excluded.figure_corrections""",
                event.stationCode().value(), event.period(), event.parentCode() == null ? null : event.parentCode().value(),
                java.sql.Timestamp.from(at), actor, event.correction() ? 1 : 0, json.writeValueAsString(event.figures()),
                event.remarks(), event.correctionsOrNone().isEmpty() ? null
                        : json.writeValueAsString(event.correctionsOrNone()));
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
                        select s.station_code, d.name, s.submitted_at, s.submitted_by, s.corrections, s.figures::text,
                            f.figures, f.digest, s.remarks, s.figure_corrections
                        from statistics_submission s left join station_directory d on d.station_code = s.station_code
                        left join lateral (select figures, digest from statistics_frozen f
                            where f.station_code = s.station_code and f.period = s.period
                            order by f.submitted_at desc limit 1) f on true
                        where s.parent_code = ? and s.period = ? order by s.station_code""",
                (rs, n) -> submission(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getInt(5), figures(rs.getString(6)), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), query.period()),
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

    /**
     * The submission with the figures computed when it was followed (frozen; null while the query side has not
     * yet followed it) beside the recount now and the figures in which they differ, and the station's remarks and
     * corrections.
     */
    private StatisticsSubmissionsResponse.Submission submission(String station, String name, Instant at, String by,
                                                                int corrections, Map<String, Double> typed,
                                                                String frozen, String digest, String remarks,
                                                                String figureCorrections, String period) {
        Map<String, Double> computed = frozen == null ? null : figures(frozen);
        Map<String, Double> recount = statistics.compute(station, period);
        List<String> differ = null;
        if (computed != null) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>(computed.keySet());
            names.addAll(recount.keySet());
            differ = names.stream().filter(f -> !java.util.Objects.equals(computed.get(f), recount.get(f))).toList();
        }
        List<FigureCorrection> fixes;
        try {
            fixes = figureCorrections == null ? List.of()
                    : json.readValue(figureCorrections, new TypeReference<List<FigureCorrection>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new StatisticsSubmissionsResponse.Submission(station, name, at, by, corrections, typed, computed,
                digest == null ? null : digest.trim(), recount, differ == null ? null : !differ.isEmpty(), differ,
                remarks, fixes);
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

package cn.daiban.query.ledger;

import cn.daiban.kernel.station.StationStatisticsSubmittedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Freezes the statistics a station submitted upward (数据统计上报, `002 服务人员`): when it follows the submission, it
 * computes the period's figures ({@link StationStatistics}) and keeps them, in canonical JSON with their SHA-256,
 * under the submission's event id, so a later read shows what was submitted beside the recount. Assumptions as for
 * the assessment's publication ({@link AssessmentPublications}): counted a moment after the submission, never
 * deleted, so a replay keeps what was first frozen.
 */
@Component
@ProcessingGroup("frozen-figures")
class StatisticsFreezer {

    private final JdbcTemplate jdbc;
    private final StationStatistics statistics;

    StatisticsFreezer(JdbcTemplate jdbc, StationStatistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    @EventHandler
    void on(StationStatisticsSubmittedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        Integer known = jdbc.queryForObject("select count(*) from statistics_frozen where event_id = ?", Integer.class,
                eventId);
        if (known != null && known > 0) {
            return; // frozen once; a replay keeps it
        }
        String canonical = AssessmentPublications.canonical(
                statistics.compute(event.stationCode().value(), event.period()));
        jdbc.update("""
                        insert into statistics_frozen (event_id, station_code, period, submitted_at, digest, figures)
                        values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""",
                eventId, event.stationCode().value(), event.period(), java.sql.Timestamp.from(at),
                AssessmentPublications.sha256(canonical), canonical);
    }
}

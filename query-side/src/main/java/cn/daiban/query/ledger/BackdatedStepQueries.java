package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.dashboard.BackdatedStepsResponse;
import cn.daiban.kernel.dashboard.FetchBackdatedStepsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * What supervision checks of steps recorded after the fact (补录): every back-dated step of the delegations of a
 * station (or its subtree), with when it was entered, when it happened and why. Read from the delegation's steps
 * ({@code delegation_step}, the {@code delegations} processing group), through a partial index on back-dated rows.
 */
@Component
public class BackdatedStepQueries {

    private final JdbcTemplate jdbc;
    private final ServiceClock clock;

    BackdatedStepQueries(JdbcTemplate jdbc, ServiceClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public BackdatedStepsResponse handle(FetchBackdatedStepsQuery query) {
        ScopeSql scope = ScopeSql.of(query.stationCode(), query.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder where = new StringBuilder(" where s.occurred_at is not null and " + scope.on("d.station_code"));
        if (query.from() != null) {
            where.append(" and s.at >= ?");
            args.add(Timestamp.from(clock.startOf(query.from())));
        }
        if (query.to() != null) {
            where.append(" and s.at < ?");
            args.add(Timestamp.from(clock.endOf(query.to())));
        }
        args.add(query.limit());
        return new BackdatedStepsResponse(jdbc.query(scope.cte() + """
                        select s.delegation_id, s.sequence, s.event_type, d.station_code, d.item_name, s.actor_id, s.at,
                               s.occurred_at, s.backdating_reason, s.summary
                        from delegation_step s join delegation_view d on d.delegation_id = s.delegation_id"""
                        + where + " order by s.at desc, s.delegation_id, s.sequence limit ?",
                (rs, n) -> new BackdatedStepsResponse.Row(rs.getString("delegation_id"), rs.getLong("sequence"),
                        rs.getString("event_type"), rs.getString("station_code"), rs.getString("item_name"),
                        rs.getString("actor_id"), rs.getTimestamp("at").toInstant(),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("backdating_reason"),
                        rs.getString("summary")), args.toArray()));
    }
}

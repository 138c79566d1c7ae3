package cn.daiban.query.ledger;

import cn.daiban.kernel.dashboard.FetchOneTimeNoticeBreachesQuery;
import cn.daiban.kernel.dashboard.OneTimeNoticeBreachesResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

/**
 * What supervision must see of 一次性告知 (`000 §6.3.3`; DOMAIN.md "Supplements": a second request for more materials on
 * the same delegation is a breach supervision must see): each such request, the matter, who handles it, what it asked
 * for and the justification given. The dashboard, the assessment and the statistics count them; this lists them.
 * Read from the matters with a breach only ({@code delegation_view.breaches > 0}, V178's partial index on the day
 * received), the requests from the details the view keeps of each.
 */
@Component
public class OneTimeNoticeBreaches {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    OneTimeNoticeBreaches(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public OneTimeNoticeBreachesResponse handle(FetchOneTimeNoticeBreachesQuery query) {
        ScopeSql scope = ScopeSql.of(query.stationCode(), query.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder where = new StringBuilder(" where d.breaches > 0 and " + scope.on("d.station_code"));
        if (query.from() != null) {
            where.append(" and d.received_on >= ?");
            args.add(Date.valueOf(query.from()));
        }
        if (query.to() != null) {
            where.append(" and d.received_on <= ?");
            args.add(Date.valueOf(query.to()));
        }
        args.add(query.limit());
        return new OneTimeNoticeBreachesResponse(jdbc.query(scope.cte() + """
                        select d.delegation_id, d.station_code, d.item_name, d.handler_name, d.received_on,
                               cast(substr(r.key, length('supplement:') + 1) as int) as number, r.value as request
                        from delegation_view d cross join lateral jsonb_each(d.details) r"""
                        + where + """
                         and r.key like 'supplement:%' and cast(r.value ->> 'breach' as boolean)
                        order by r.value ->> 'requestedOn' desc, d.delegation_id, number limit ?""",
                (rs, n) -> {
                    JsonNode request = read(rs.getString("request"));
                    List<String> materials = new ArrayList<>();
                    request.path("materials").forEach(material -> materials.add(material.path("name").asText()));
                    return new OneTimeNoticeBreachesResponse.Row(rs.getString("delegation_id"),
                            rs.getString("station_code"), rs.getString("item_name"), rs.getString("handler_name"),
                            rs.getObject("received_on", java.time.LocalDate.class), rs.getInt("number"),
                            request.hasNonNull("requestedOn") ? java.time.LocalDate.parse(request.get("requestedOn")
                                    .asText()) : null, materials,
                            request.hasNonNull("justification") ? request.get("justification").asText() : null);
                }, args.toArray()));
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

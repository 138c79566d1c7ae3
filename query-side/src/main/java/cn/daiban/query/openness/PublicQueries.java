package cn.daiban.query.openness;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.openness.FetchPublicStationQuery;
import cn.daiban.kernel.openness.FetchPublicStationsQuery;
import cn.daiban.kernel.openness.PublicStationResponse;
import cn.daiban.kernel.openness.PublicStationsResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public face's reads (公开原则, `000 §4.4`, `004 §6.2.2`). Every statement names its columns: nothing of a
 * client (no delegation, consultation, complaint or booking table is read) and of staff only an agent's name, role
 * and background. Only OPEN stations are shown; an item only while it is published.
 */
@Component
class PublicQueries {

    /**
     * The standard flow of a matter (`000 §6`, `002 帮办/代办服务流程`), shown for an item that publishes no process of
     * its own (assumption: the seeds give the flow per service, not per item).
     */
    static final List<String> STANDARD_PROCESS = List.of("咨询", "委托受理（资料预审）", "承办", "办结", "结果交付", "评价");

    private static final String STATION_COLUMNS = """
            select d.station_code, d.name, d.level, d.parent_code, d.address, d.manager_phone, d.supervision_phone,
                   h.hours::text as hours, h.home_visits
            from station_directory d left join public_station_hours h on h.station_code = d.station_code
            where d.status = 'OPEN'""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublicQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    PublicStationsResponse handle(FetchPublicStationsQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(STATION_COLUMNS);
        if (query.level() != null) {
            sql.append(" and d.level = ?");
            args.add(query.level().name());
        }
        if (query.region() != null && !query.region().isBlank()) {
            sql.append(" and d.region like ?");
            args.add(query.region().replace("%", "").replace("_", "") + "%");
        }
        sql.append(" order by d.station_code");
        return new PublicStationsResponse(jdbc.query(sql.toString(), (rs, n) -> station(rs), args.toArray()));
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<PublicStationResponse> handle(FetchPublicStationQuery query) {
        List<PublicStationsResponse.Station> found = jdbc.query(STATION_COLUMNS + " and d.station_code = ?",
                (rs, n) -> station(rs), query.stationCode());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<PublicStationResponse.Item> items = jdbc.query("""
                        select i.code, i.definition::text from station_directory d
                        join service_item i on i.code in (select jsonb_array_elements_text(d.service_item_codes))
                        where d.station_code = ? and i.status = 'PUBLISHED' order by i.code""",
                (rs, n) -> item(rs.getString(1), rs.getString(2)), query.stationCode());
        List<PublicStationResponse.Agent> agents = jdbc.query("""
                        select name, role, background from agent where station_code = ? and active
                        order by case role when 'ZONE_LEAD' then 0 else 1 end, name""",
                (rs, n) -> new PublicStationResponse.Agent(rs.getString(1),
                        "ZONE_LEAD".equals(rs.getString(2)) ? "队长（专区负责人）" : "代办员",
                        background(rs.getString(3))), query.stationCode());
        return Optional.of(new PublicStationResponse(found.get(0), items, agents));
    }

    private PublicStationsResponse.Station station(ResultSet rs) throws SQLException {
        String hours = rs.getString("hours");
        List<PublicStationsResponse.Hours> parsed = null;
        if (hours != null) {
            try {
                parsed = json.readValue(hours, new TypeReference<>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable opening hours of " + rs.getString(1), e);
            }
        }
        return new PublicStationsResponse.Station(rs.getString("station_code"), rs.getString("name"),
                rs.getString("level"), rs.getString("parent_code"), rs.getString("address"),
                rs.getString("manager_phone"), rs.getString("supervision_phone"), parsed,
                hours == null ? null : rs.getBoolean("home_visits"));
    }

    private PublicStationResponse.Item item(String code, String definitionJson) {
        ServiceItemDefinition definition;
        try {
            definition = json.readValue(definitionJson, ServiceItemDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable definition of item " + code, e);
        }
        boolean published = definition.process() != null && !definition.process().isEmpty();
        return new PublicStationResponse.Item(code, definition.name(), definition.department(),
                definition.conditions() == null || definition.conditions().isBlank() ? null : definition.conditions(),
                published ? definition.process() : STANDARD_PROCESS, published,
                definition.materials().stream().map(m -> new PublicStationResponse.Material(m.name(), m.howToObtain(),
                        m.essential())).toList(),
                definition.timeLimitWorkingDays(),
                definition.fees().stream().map(f -> new PublicStationResponse.Fee(f.name(), f.amountFen(),
                        f.legalBasis(), f.payee())).toList(),
                definition.legalBasis(), definition.onlineAvailable(), true);
    }

    private static String background(String name) {
        try {
            return AgentBackground.valueOf(name).label();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

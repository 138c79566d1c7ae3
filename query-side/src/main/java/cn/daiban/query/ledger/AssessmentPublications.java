package cn.daiban.query.ledger;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentPublishedEvent;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentResponse;
import cn.daiban.kernel.station.StationCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quarterly assessment as published (通报, `003 四(三)`: 考核评估结果每季度通报), and the assessment query that
 * shows it beside the recount.
 *
 * <p>When it follows {@link QuarterlyAssessmentPublishedEvent}, it counts the station's assessment at every level
 * (STATION, ZONE, AGENT) with {@link AssessmentQueries} — the same counting the assessment shows, no second
 * formula — and freezes the rows in a canonical JSON form (object properties and map keys in alphabetical order,
 * no white space, UTF-8) with its SHA-256. Assumptions: the figures are those the views hold when this group
 * follows the event, a moment after the publication (the other projections follow within the same moment; a
 * quarter is published after it ended, when its matters rarely move); this group never deletes, so a replay or
 * a reset keeps what was frozen when the publication was first followed (a fresh database recounts once, then
 * keeps that).
 */
@Component
@ProcessingGroup("frozen-figures")
class AssessmentPublications {

    /** The canonical form: sorted properties and keys, compact. */
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .findAndAddModules()
            .build();

    private final JdbcTemplate jdbc;
    private final AssessmentQueries assessments;

    AssessmentPublications(JdbcTemplate jdbc, AssessmentQueries assessments) {
        this.jdbc = jdbc;
        this.assessments = assessments;
    }

    @EventHandler
    void on(QuarterlyAssessmentPublishedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        Integer known = jdbc.queryForObject("select count(*) from assessment_publication where publication_id = ?",
                Integer.class, event.publicationId());
        if (known != null && known > 0) {
            return; // frozen once; a replay keeps it
        }
        String canonical = canonical(count(event.stationCode().value(), event.year(), event.quarter()));
        jdbc.update("""
                        insert into assessment_publication (publication_id, station_code, year, quarter, published_at,
                            published_by, digest, figures)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (publication_id) do nothing""",
                event.publicationId(), event.stationCode().value(), event.year(), event.quarter(),
                java.sql.Timestamp.from(at), actor, sha256(canonical), canonical);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    QuarterlyAssessmentResponse handle(FetchQuarterlyAssessmentQuery q) {
        QuarterlyAssessmentResponse recount = assessments.compute(q);
        if (q.stationCode() == null) {
            return recount;
        }
        String id;
        try {
            id = PublishQuarterlyAssessmentCommand.idOf(StationCode.of(q.stationCode()), q.year(), q.quarter());
        } catch (IllegalArgumentException e) {
            return recount; // not a station code: nothing was published under it
        }
        List<QuarterlyAssessmentResponse.Publication> found = jdbc.query("""
                        select digest, published_at, published_by, figures from assessment_publication
                        where publication_id = ?""",
                (rs, n) -> publication(id, rs.getString(1).trim(), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), q.level(), recount.rows()), id);
        return found.isEmpty() ? recount : new QuarterlyAssessmentResponse(recount.level(), recount.year(),
                recount.quarter(), recount.from(), recount.to(), recount.rows(), recount.staffing(), found.get(0));
    }

    /** Every level's rows of the station's assessment now. */
    Map<String, List<QuarterlyAssessmentResponse.Row>> count(String station, int year, int quarter) {
        Map<String, List<QuarterlyAssessmentResponse.Row>> levels = new TreeMap<>();
        for (FetchQuarterlyAssessmentQuery.Level level : FetchQuarterlyAssessmentQuery.Level.values()) {
            levels.put(level.name(), assessments.compute(
                    new FetchQuarterlyAssessmentQuery(station, year, quarter, level)).rows());
        }
        return levels;
    }

    static String canonical(Object figures) {
        try {
            // Through a tree, so records and maps alike come out with their keys sorted.
            JsonNode tree = CANONICAL.valueToTree(figures);
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private QuarterlyAssessmentResponse.Publication publication(String id, String digest, Instant at, String by,
                                                                String figures, FetchQuarterlyAssessmentQuery.Level level,
                                                                List<QuarterlyAssessmentResponse.Row> now) {
        try {
            JsonNode published = CANONICAL.readTree(figures).path(level.name());
            List<QuarterlyAssessmentResponse.Row> rows = new ArrayList<>();
            for (JsonNode row : published) {
                rows.add(CANONICAL.treeToValue(row, QuarterlyAssessmentResponse.Row.class));
            }
            List<QuarterlyAssessmentResponse.Difference> differences = differences(published,
                    CANONICAL.valueToTree(now));
            return new QuarterlyAssessmentResponse.Publication(id, digest, at, by, rows, !differences.isEmpty(),
                    differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The figures of each row (by key) whose recount differs from the published value; the name is not a figure
     * (a station renamed since is not a different count), and neither is a figure the published row does not carry:
     * one the assessment added after the publication (e.g. {@code transfersRefused}) was not published, so nothing
     * published differs. For the same reason a row counted now that the publication lacks is a difference only when
     * one of the figures the publication carries is not zero in it: a row that only such a later figure brings (a
     * zone that refused transfers and took no matter) shows nothing the publication counted otherwise.
     */
    static List<QuarterlyAssessmentResponse.Difference> differences(JsonNode published, JsonNode now) {
        Map<String, JsonNode> before = byKey(published);
        Map<String, JsonNode> after = byKey(now);
        List<QuarterlyAssessmentResponse.Difference> differences = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        java.util.Set<String> carried = new java.util.TreeSet<>();
        before.values().forEach(row -> row.fieldNames().forEachRemaining(carried::add));
        for (String key : keys.keySet()) {
            JsonNode a = before.get(key);
            JsonNode b = after.get(key);
            if (a == null && !before.isEmpty() && blank(b, carried)) {
                continue;
            }
            if (a == null || b == null) {
                differences.add(new QuarterlyAssessmentResponse.Difference(key, "row", a == null ? null : "published",
                        b == null ? null : "counted now"));
                continue;
            }
            TreeMap<String, Boolean> figures = new TreeMap<>();
            a.fieldNames().forEachRemaining(f -> figures.put(f, true));
            for (String figure : figures.keySet()) {
                if (figure.equals("name") || figure.equals("key")) {
                    continue;
                }
                String x = String.valueOf(a.get(figure));
                String y = String.valueOf(b.get(figure));
                if (!x.equals(y)) {
                    differences.add(new QuarterlyAssessmentResponse.Difference(key, figure, plain(a.get(figure)),
                            plain(b.get(figure))));
                }
            }
        }
        return differences;
    }

    /** Whether each of {@code figures} is absent, null, zero or empty in {@code row} (key, name and station aside). */
    private static boolean blank(JsonNode row, java.util.Set<String> figures) {
        for (String figure : figures) {
            if (figure.equals("key") || figure.equals("name") || figure.equals("stationCode")) {
                continue;
            }
            JsonNode value = row.get(figure);
            boolean empty = value == null || value.isNull() || (value.isNumber() && value.asDouble() == 0)
                    || (value.isContainerNode() && value.isEmpty());
            if (!empty) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode rows) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = rows.elements(); it.hasNext(); ) {
            JsonNode row = it.next();
            byKey.put(row.path("key").asText(), row);
        }
        return byKey;
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return CANONICAL.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

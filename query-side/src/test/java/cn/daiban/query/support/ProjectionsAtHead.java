package cn.daiban.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits until named processing groups have handled every event in the store when called: every segment's stored
 * token at or past the store's head, and no event at or below it still among the token's gaps. The state a test
 * asserts after appending events for several aggregates: a group with two segments handles them in two threads in
 * no order between them, so a wait on one matter's rows says nothing about another's, and the first event of an
 * aggregate says nothing about its later ones. Read from the token table, not from this context's processors:
 * another context of the same JVM may hold a segment's claim.
 */
public final class ProjectionsAtHead {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectionsAtHead() {
    }

    /** Waits (up to 60 s) until every segment of each group has handled every event stored before the call. */
    public static void await(JdbcTemplate jdbc, String... groups) {
        long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from command_side.domain_event_entry",
                Long.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String group : groups) {
                assertThat(behind(jdbc, group, head)).as("segments of %s behind event %d", group, head).isEmpty();
            }
        });
    }

    /** The group's segments that have not handled every event up to {@code head}, each with why. */
    static List<String> behind(JdbcTemplate jdbc, String group, long head) {
        List<String> behind = new ArrayList<>();
        List<Object[]> rows = jdbc.query("select segment, token from query_side.token_entry where processor_name = ?",
                (rs, n) -> new Object[]{rs.getInt(1), rs.getBytes(2)}, group);
        if (rows.isEmpty()) {
            behind.add("no segment stored yet");
        }
        for (Object[] row : rows) {
            JsonNode token = read((byte[]) row[1]);
            // A replay's token: where the replay is now.
            if (token != null && token.has("currentToken")) {
                token = token.get("currentToken");
            }
            if (token == null || token.isNull() || !token.has("index")) {
                behind.add("segment " + row[0] + ": no position");
                continue;
            }
            long index = token.get("index").asLong();
            if (index < head) {
                behind.add("segment " + row[0] + " at " + index);
                continue;
            }
            // A gap is an index the segment has not seen an event at: one stored since (at or below the head) is
            // still to be handled; one never stored (a rolled-back append) is not waited for.
            List<Long> gaps = new ArrayList<>();
            token.path("gaps").forEach(gap -> {
                if (gap.asLong() <= head) {
                    gaps.add(gap.asLong());
                }
            });
            if (!gaps.isEmpty() && jdbc.queryForObject("select count(*) from command_side.domain_event_entry "
                    + "where global_index = any(?)", Long.class, (Object) gaps.toArray(Long[]::new)) > 0) {
                behind.add("segment " + row[0] + " has stored events among its gaps " + gaps);
            }
        }
        return behind;
    }

    private static JsonNode read(byte[] token) {
        if (token == null) {
            return null;
        }
        try {
            return JSON.readTree(token);
        } catch (IOException e) {
            throw new IllegalStateException("a token that is not JSON", e);
        }
    }
}

package cn.daiban.bench;

import cn.daiban.kernel.eventstore.EventHash;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a large history fast, straight into the command side's tables with COPY, by cloning template delegations
 * that were made over HTTP: every stored row of a template (its events, open deadlines in {@code scheduled_tasks},
 * its {@code delegation_registry} and {@code subject_station} rows) is copied with fresh ids.
 *
 * <p>Assumptions, named: (1) A clone's events are the template's bytes with the delegation id, the station code,
 * the agent and team-leader ids and the correlation ids replaced (all equal length, so even a binary task_data
 * stays valid), event ids new, and every ISO date in the payload and the event timestamp moved back by the same
 * number of days (open matters 0–30 days, finished ones 30–330: a history over the past year). (2) Personal data
 * stays sealed under the <em>template's</em> data subject ({@code pii:v1:<subject>:…} is left as it is), so every
 * clone reads its client through the template's key; erasing that subject would erase all clones' clients.
 * (3) The hash chain is computed again for every clone with the application's own {@link EventHash}, so clones
 * verify like events the command side wrote. (4) Deadlines keep their template's execution time (in the future,
 * give or take an hour): open deadlines for every clone, none fires during the run.
 */
final class Seeder {

    private static final Pattern DATE = Pattern.compile("(20\\d\\d)-(\\d\\d)-(\\d\\d)");
    private static final HexFormat HEX = HexFormat.of();

    /** One template delegation and what identifies its station and people. */
    record Template(String delegationId, String station, String agent, String leader, boolean open) {
    }

    /** Where a clone goes: its station and people. */
    record Target(String station, String agent, String leader) {
    }

    private record Table(String name, List<String> columns, List<Integer> types, List<Object[]> rows) {
    }

    private record Loaded(Template template, Table events, Table tasks, Table registry, Table subjects,
                          List<String> correlations) {
    }

    private final String url;

    Seeder(String url) {
        this.url = url;
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /**
     * Appends {@code count} delegations cloned from the templates (open ones in proportion {@code openShare}),
     * spread over the targets; returns the ids of the last clones (for the caller's checks) and counts.
     */
    Result seed(List<Template> templates, List<Target> targets, long count, double openShare, int threads)
            throws Exception {
        List<Loaded> loaded = new ArrayList<>();
        try (Connection c = connect()) {
            for (Template t : templates) {
                Table events = read(c, "select * from command_side.domain_event_entry where aggregate_identifier = ?"
                        + " order by sequence_number", t.delegationId());
                // A deadline's scope is base64 JSON inside task_data ({"s": …{"identifier": id}}): match decoded.
                Table all = read(c, "select * from command_side.scheduled_tasks where ? is not null", "x");
                int data = all.columns().indexOf("task_data");
                Table tasks = new Table(all.name(), all.columns(), all.types(), all.rows().stream()
                        .filter(r -> r[data] != null && decodeTaskData((byte[]) r[data]).contains(t.delegationId()))
                        .toList());
                Table registry = read(c, "select * from command_side.delegation_registry where delegation_id = ?",
                        t.delegationId());
                Table subjects = read(c, "select * from command_side.subject_station where subject_id = ?",
                        t.delegationId());
                List<String> correlations = new ArrayList<>();
                int ci = events.columns().indexOf("correlation_id");
                for (Object[] row : events.rows()) {
                    if (ci >= 0 && row[ci] != null && !correlations.contains((String) row[ci])) {
                        correlations.add((String) row[ci]);
                    }
                }
                loaded.add(new Loaded(t, events, tasks, registry, subjects, correlations));
            }
        }
        List<Loaded> open = loaded.stream().filter(l -> l.template().open()).toList();
        List<Loaded> done = loaded.stream().filter(l -> !l.template().open()).toList();
        AtomicLong events = new AtomicLong();
        AtomicLong tasks = new AtomicLong();
        long batch = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        List<String> lastIds = java.util.Collections.synchronizedList(new ArrayList<>());
        Turns turns = new Turns();
        String sequence;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_get_serial_sequence('command_side.domain_event_entry', 'global_index')")) {
            rs.next();
            sequence = rs.getString(1);
        }
        long batches = 0;
        for (long from = 0; from < count; from += batch) {
            long start = from;
            long n = Math.min(batch, count - from);
            long turn = batches++;
            futures.add(pool.submit(() -> {
                try {
                    List<Object[]> eventRows = new ArrayList<>();
                    ByteArrayOutputStream ta = new ByteArrayOutputStream(1 << 20);
                    ByteArrayOutputStream re = new ByteArrayOutputStream(1 << 16);
                    ByteArrayOutputStream su = new ByteArrayOutputStream(1 << 16);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String last = null;
                    for (long i = start; i < start + n; i++) {
                        boolean isOpen = !open.isEmpty() && (done.isEmpty() || random.nextDouble() < openShare);
                        Loaded l = (isOpen ? open : done).get(random.nextInt((isOpen ? open : done).size()));
                        Target target = targets.get((int) (i % targets.size()));
                        String id = UUID.randomUUID().toString();
                        Map<String, String> swap = new LinkedHashMap<>();
                        swap.put(l.template().delegationId(), id);
                        swap.put(l.template().station(), target.station());
                        if (l.template().agent() != null) {
                            swap.put(l.template().agent(), target.agent());
                        }
                        if (l.template().leader() != null && target.leader() != null) {
                            swap.put(l.template().leader(), target.leader());
                        }
                        for (String correlation : l.correlations()) {
                            swap.put(correlation, UUID.randomUUID().toString());
                        }
                        int days = isOpen ? random.nextInt(0, 31) : random.nextInt(30, 331);
                        events.addAndGet(cloneEvents(l, swap, l.template().delegationId(), days, eventRows));
                        tasks.addAndGet(cloneRows(l.tasks(), swap, l.template().delegationId(), ta, true));
                        cloneRows(l.registry(), swap, l.template().delegationId(), re, false);
                        cloneRows(l.subjects(), swap, l.template().delegationId(), su, false);
                        last = id;
                    }
                    try (Connection c = connect()) {
                        c.setAutoCommit(false);
                        // Global indexes are taken in batch order and each batch commits only after the one before it:
                        // a reader following the store (both applications do, during the seed) never sees an index
                        // committed above one still to come, so its gap-aware token holds no gaps (two writers that
                        // let the sequence interleave their rows and commit in any order showed readers thousands of
                        // indexes still to come, each a gap the token must carry until it is filled). Assumption: nothing else appends during the seed (no seeded
                        // deadline fires, assumption 4); another writer's events would take indexes among a batch's
                        // and be seen before that batch commits.
                        ByteArrayOutputStream ev = new ByteArrayOutputStream(1 << 22);
                        turns.await(turn, Turns.Kind.RESERVE);
                        turns.check();
                        try (Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery("select nextval('" + sequence + "') from generate_series(1, "
                                     + eventRows.size() + ")")) {
                            int gi = loaded.get(0).events().columns().indexOf("global_index");
                            for (Object[] row : eventRows) {
                                rs.next();
                                row[gi] = rs.getString(1);
                                writeRow(loaded.get(0).events(), row, ev, true);
                            }
                        }
                        c.commit();
                        turns.done(turn, Turns.Kind.RESERVE);
                        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                        copy(copy, loaded.get(0).events(), "command_side.domain_event_entry", ev, true);
                        copy(copy, loaded.get(0).tasks(), "command_side.scheduled_tasks", ta, false);
                        copy(copy, loaded.get(0).registry(), "command_side.delegation_registry", re, false);
                        copy(copy, loaded.get(0).subjects(), "command_side.subject_station", su, false);
                        turns.await(turn, Turns.Kind.COMMIT);
                        turns.check();
                        c.commit();
                    }
                    lastIds.add(last);
                    return null;
                } catch (Exception | Error e) {
                    turns.abort();
                    throw e;
                } finally {
                    turns.done(turn, Turns.Kind.RESERVE);
                    turns.done(turn, Turns.Kind.COMMIT);
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(events.get(), tasks.get(), lastIds);
    }

    /**
     * Batch k reserves its global indexes, and commits, only after batch k - 1 has (the pool takes batches in order,
     * so the one waited for is always running or done). A failed batch passes its turn on but marks the seed
     * aborted, so no later batch reserves or commits (no gap, nothing out of order), and the seed fails.
     */
    private static final class Turns {
        enum Kind { RESERVE, COMMIT }

        private long reserved;
        private long committed;
        private boolean aborted;

        synchronized void abort() {
            aborted = true;
            notifyAll();
        }

        synchronized void check() {
            if (aborted) {
                throw new IllegalStateException("an earlier batch of the seed failed");
            }
        }

        synchronized void await(long turn, Kind kind) throws InterruptedException {
            while ((kind == Kind.RESERVE ? reserved : committed) < turn) {
                wait();
            }
        }

        synchronized void done(long turn, Kind kind) {
            if (kind == Kind.RESERVE) {
                reserved = Math.max(reserved, turn + 1);
            } else {
                committed = Math.max(committed, turn + 1);
            }
            notifyAll();
        }
    }

    record Result(long events, long tasks, List<String> someIds) {
    }

    private static void copy(CopyManager copy, Table shape, String table, ByteArrayOutputStream data,
                             boolean withIndex) throws Exception {
        if (data.size() == 0) {
            return;
        }
        List<String> columns = new ArrayList<>(shape.columns());
        if (!withIndex) {
            columns.remove("global_index");
        }
        copy.copyIn("copy " + table + " (" + String.join(",", columns) + ") from stdin",
                new ByteArrayInputStream(data.toByteArray()));
    }

    private long cloneEvents(Loaded l, Map<String, String> swap, String subject, int days, List<Object[]> out)
            throws Exception {
        Table t = l.events();
        List<String> cols = t.columns();
        int idx = cols.indexOf("event_identifier");
        int agg = cols.indexOf("aggregate_identifier");
        int seq = cols.indexOf("sequence_number");
        int type = cols.indexOf("type");
        int ts = cols.indexOf("time_stamp");
        int pt = cols.indexOf("payload_type");
        int pr = cols.indexOf("payload_revision");
        int pl = cols.indexOf("payload");
        int md = cols.indexOf("meta_data");
        String previous = EventHash.GENESIS;
        for (Object[] template : t.rows()) {
            Object[] row = new Object[template.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = substitute(template[i], swap, subject);
            }
            row[idx] = UUID.randomUUID().toString();
            Instant at = Instant.parse((String) template[ts]).minus(days, ChronoUnit.DAYS);
            row[ts] = at.toString();
            row[pl] = shiftDates((byte[]) row[pl], days);
            ObjectNode meta = (ObjectNode) Api.JSON.readTree((byte[]) row[md]);
            meta.remove(EventHash.HASH);
            meta.remove(EventHash.PREVIOUS_HASH);
            byte[] plain = Api.JSON.writeValueAsBytes(meta);
            String hash = EventHash.of(new EventHash.StoredRow((String) row[idx], (String) row[agg],
                    Long.parseLong((String) row[seq]), (String) row[type], (String) row[ts], (String) row[pt],
                    (String) row[pr], (byte[]) row[pl], plain), previous);
            meta.put(EventHash.PREVIOUS_HASH, previous);
            meta.put(EventHash.HASH, hash);
            row[md] = Api.JSON.writeValueAsBytes(meta);
            previous = hash;
            out.add(row);
        }
        return t.rows().size();
    }

    private static long cloneRows(Table t, Map<String, String> swap, String subject, ByteArrayOutputStream out,
                                  boolean tasks) {
        int instance = t.columns().indexOf("task_instance");
        for (Object[] template : t.rows()) {
            Object[] row = new Object[template.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = substitute(template[i], swap, subject);
            }
            int data = t.columns().indexOf("task_data");
            if (tasks && data >= 0 && template[data] != null) {
                row[data] = encodeTaskData((byte[]) template[data], swap, subject);
            }
            if (tasks && instance >= 0 && row[instance].equals(template[instance])) {
                row[instance] = UUID.randomUUID().toString();
            }
            writeRow(t, row, out, false);
        }
        return t.rows().size();
    }

    /** task_data of an Axon deadline: JSON whose "s" (scope), "p" (payload) and "m" (metadata) are base64 JSON. */
    private static String decodeTaskData(byte[] data) {
        StringBuilder b = new StringBuilder(new String(data, StandardCharsets.ISO_8859_1));
        try {
            com.fasterxml.jackson.databind.JsonNode node = Api.JSON.readTree(data);
            for (String f : new String[]{"s", "p", "m"}) {
                if (node.hasNonNull(f)) {
                    b.append('\n').append(new String(java.util.Base64.getDecoder().decode(node.get(f).asText()),
                            StandardCharsets.UTF_8));
                }
            }
        } catch (Exception notJson) {
            // Java-serialized deadline data of an earlier release: matched on its raw bytes only.
        }
        return b.toString();
    }

    private static byte[] encodeTaskData(byte[] data, Map<String, String> swap, String subject) {
        try {
            ObjectNode node = (ObjectNode) Api.JSON.readTree(data);
            for (String f : new String[]{"s", "p", "m"}) {
                if (node.hasNonNull(f)) {
                    byte[] inner = java.util.Base64.getDecoder().decode(node.get(f).asText());
                    node.put(f, java.util.Base64.getEncoder().encodeToString((byte[]) substitute(inner, swap, subject)));
                }
            }
            return Api.JSON.writeValueAsBytes(node);
        } catch (Exception notJson) {
            return (byte[]) substitute(data, swap, subject);
        }
    }

    private static Object substitute(Object value, Map<String, String> swap, String subject) {
        if (value == null) {
            return null;
        }
        boolean bytes = value instanceof byte[];
        String s = bytes ? new String((byte[]) value, StandardCharsets.ISO_8859_1) : (String) value;
        // Sealed personal data keeps its template subject (its key); protect that one occurrence kind.
        String sealed = "pii:v1:" + subject + ":";
        s = s.replace(sealed, "\u0001SEALED\u0001");
        for (Map.Entry<String, String> e : swap.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        s = s.replace("\u0001SEALED\u0001", sealed);
        return bytes ? s.getBytes(StandardCharsets.ISO_8859_1) : s;
    }

    private static byte[] shiftDates(byte[] payload, int days) {
        if (days == 0) {
            return payload;
        }
        String s = new String(payload, StandardCharsets.ISO_8859_1);
        Matcher m = DATE.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        while (m.find()) {
            String replacement;
            try {
                replacement = LocalDate.parse(m.group()).minusDays(days).toString();
            } catch (Exception notADate) {
                replacement = m.group();
            }
            m.appendReplacement(b, replacement);
        }
        m.appendTail(b);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One row in COPY's text format; global_index is written only when given (else left to its sequence). */
    private static void writeRow(Table t, Object[] row, ByteArrayOutputStream out, boolean withIndex) {
        StringBuilder b = new StringBuilder(512);
        boolean first = true;
        for (int i = 0; i < row.length; i++) {
            if (!withIndex && t.columns().get(i).equals("global_index")) {
                continue;
            }
            if (!first) {
                b.append('\t');
            }
            first = false;
            Object v = row[i];
            if (v == null) {
                b.append("\\N");
            } else if (v instanceof byte[] bytes) {
                b.append("\\\\x").append(HEX.formatHex(bytes));
            } else {
                String s = (String) v;
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> b.append("\\\\");
                        case '\t' -> b.append("\\t");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        default -> b.append(ch);
                    }
                }
            }
        }
        b.append('\n');
        byte[] line = b.toString().getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
    }

    private static Table read(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                List<Integer> types = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnName(i));
                    types.add(md.getColumnType(i));
                }
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[cols.size()];
                    for (int i = 0; i < cols.size(); i++) {
                        row[i] = types.get(i) == Types.BINARY ? rs.getBytes(i + 1) : rs.getString(i + 1);
                    }
                    rows.add(row);
                }
                return new Table(c.getSchema(), cols, types, rows);
            }
        }
    }
}

package cn.daiban.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark that {@code ./bench.sh} runs against a stack it started (PostgreSQL, command side, query side):
 * the phases of the README's "Performance" section, in one run, into {@code target/bench/report.md}.
 */
public final class Bench {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.now(ZONE);

    final Map<String, String> env = System.getenv();
    final double seconds = Double.parseDouble(env.getOrDefault("BENCH_SECONDS", "20"));
    /** Commissioning and the mix at 4 clients, unmeasured, before the first measured point of the run. */
    final double warmUpSeconds = Double.parseDouble(env.getOrDefault("BENCH_WARMUP_SECONDS", "10"));
    boolean warmedUp;

    /** JFR recordings during the phases that carry a target (BENCH_PROFILE, on by default). */
    boolean profiling() {
        return env.getOrDefault("BENCH_PROFILE", "true").equals("true");
    }
    final long delegations = Long.parseLong(env.getOrDefault("BENCH_DELEGATIONS", "1000000"));
    final int villagesCount = Integer.parseInt(env.getOrDefault("BENCH_VILLAGES", "10"));
    final Set<String> phases = Set.of(env.getOrDefault("BENCH_PHASES",
            "startup,raw,commands,seed,catchup,commands-large,lag,rebuild,reads").split(","));
    final int[] rawConnections = ints(env.getOrDefault("BENCH_RAW_CONNECTIONS", "1,4,16"));
    final int[] clients = ints(env.getOrDefault("BENCH_CLIENTS", "1,4,16,32"));
    final double catchupMax = Double.parseDouble(env.getOrDefault("BENCH_CATCHUP_MAX_SECONDS", "300"));
    final double rebuildMax = Double.parseDouble(env.getOrDefault("BENCH_REBUILD_MAX_SECONDS", "420"));
    final Path out = Path.of(env.getOrDefault("BENCH_OUT", "target/bench"));
    final String jdbcUrl = env.getOrDefault("BENCH_DB_URL", "jdbc:postgresql://localhost:55439/daiban");
    final Api api = new Api(env.getOrDefault("BENCH_COMMAND_URL", "http://localhost:18080"),
            env.getOrDefault("BENCH_QUERY_URL", "http://localhost:18081"), 48);
    final long commandPid = Long.parseLong(env.getOrDefault("BENCH_COMMAND_PID", "0"));
    final long queryPid = Long.parseLong(env.getOrDefault("BENCH_QUERY_PID", "0"));
    final Seeder seeder = new Seeder(jdbcUrl);
    final Report report = new Report();
    final Profiler profiler = new Profiler(out);
    final Sampler sampler = new Sampler();
    final Cpu cpu = new Cpu(commandPid, queryPid, out.resolve("data"));

    // The hierarchy and people made in setup.
    String county;
    String township;
    final List<String> villages = new ArrayList<>();
    final Map<String, String> agentOf = new HashMap<>();
    final Map<String, String> leaderOf = new HashMap<>();

    public static void main(String[] args) throws Exception {
        new Bench().run();
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    void run() throws Exception {
        Files.createDirectories(out);
        Instant began = Instant.now();
        report.machine(env, seconds, delegations);
        sampler.start(this);
        log("setup: stations and agents over HTTP");
        setup();
        if (phases.contains("startup")) {
            report.startup(env, this);
        }
        if (phases.contains("raw")) {
            raw();
        }
        if (phases.contains("commands")) {
            commands("empty store");
        }
        if (phases.contains("seed")) {
            seed();
        }
        if (phases.contains("catchup")) {
            catchup();
        }
        if (phases.contains("commands-large")) {
            commands("large store");
        }
        if (phases.contains("lag")) {
            lag();
        }
        if (phases.contains("rebuild")) {
            rebuild();
        }
        if (phases.contains("reads")) {
            reads();
        }
        sampler.stop();
        report.heapPeaks(sampler);
        report.heapMax = new long[]{Sampler.heapMax(this, api.command), Sampler.heapMax(this, api.query)};
        report.outOfMemory = new long[]{outOfMemoryErrors(out.resolve("logs/command-side.log")),
                outOfMemoryErrors(out.resolve("logs/query-side.log"))};
        report.finish(this, Duration.between(began, Instant.now()));
        Path file = out.resolve("report.md");
        Files.writeString(file, report.render(out));
        log("report: " + file.toAbsolutePath());
        System.exit(0);
    }

    static void log(String s) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + s);
    }

    // ---------------------------------------------------------------------------------------------- setup

    String admin() {
        return api.token("bench-admin", "ADMINISTRATOR", null);
    }

    String manager(String station) {
        return api.token("bench-manager-" + station, "STATION_MANAGER", station);
    }

    String agentToken(String station) {
        return api.token("bench-agent-" + station, "AGENT", station);
    }

    String supervisor() {
        return api.token("bench-supervisor", "SUPERVISOR", county);
    }

    void setup() {
        for (int year : Set.of(TODAY.getYear(), TODAY.plusMonths(2).getYear())) {
            if (year > 2026) {
                api.post(api.command + "/api/calendar/years", admin(), Map.of("year", year,
                        "holidays", List.of(year + "-01-01"), "adjustedWorkingDays", List.of(), "notice", "基准测试用"));
            }
        }
        List<String> items = List.of("ZR-001", "RS-001", "YB-002");
        county = "1405" + ThreadLocalRandom.current().nextInt(100, 999) + "0" + ThreadLocalRandom.current().nextInt(0, 9);
        township = county + "1";
        api.post(api.command + "/api/stations", admin(), station(county, "沁水县政务服务中心", "COUNTY_CENTRE", null, items))
                .expect2xx("county");
        api.post(api.command + "/api/stations/" + county + "/opening/approval", admin(), Map.of()).expect2xx("approve county");
        api.post(api.command + "/api/stations", manager(county), station(township, "郑庄镇便民服务中心", "TOWNSHIP_CENTRE",
                county, items)).expect2xx("township");
        api.post(api.command + "/api/stations/" + township + "/opening/approval", manager(county), Map.of())
                .expect2xx("approve township");
        for (int v = 1; v <= villagesCount; v++) {
            String village = township + String.format("%02d", v);
            api.post(api.command + "/api/stations", manager(township), station(village, "郑庄村便民服务站" + v,
                    "VILLAGE_STATION", township, items)).expect2xx("village");
            api.post(api.command + "/api/stations/" + village + "/opening/approval", manager(township), Map.of())
                    .expect2xx("approve village");
            villages.add(village);
            agentOf.put(village, qualifiedAgent(village, "赵红", "AGENT"));
            leaderOf.put(village, qualifiedAgent(village, "钱队长", "ZONE_LEAD"));
        }
        // The query side must know the stations before it lets anyone read them.
        waitFor("the query side to know the villages", 120, () -> api.get(api.query + "/api/stations/"
                + villages.get(villages.size() - 1) + "/dashboard", manager(villages.get(villages.size() - 1))).ok());
    }

    static Map<String, Object> station(String code, String name, String level, String parent, List<String> items) {
        Map<String, Object> body = new HashMap<>(Map.of("stationCode", code, "name", name, "level", level,
                "region", code.substring(0, 6), "address", name + "办公楼一层",
                "manager", Map.of("name", "张伟", "phone", "13812345678"), "supervisionPhone", "0356-7022345",
                "serviceItemCodes", items));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        return body;
    }

    String qualifiedAgent(String village, String name, String role) {
        String id = api.post(api.command + "/api/agents", manager(village), Map.of("stationCode", village, "name", name,
                "phone", "13700001111", "background", "PARTY_MEMBER", "role", role,
                "intakeExperienceSince", TODAY.minusYears(2).toString())).expect2xx("agent").json().get("id").asText();
        api.post(api.command + "/api/agents/" + id + "/trainings", manager(village), Map.of("date", TODAY.toString(),
                "topic", "帮办代办业务培训", "hours", 4)).expect2xx("training");
        api.post(api.command + "/api/agents/" + id + "/assessments", manager(village), Map.of("date", TODAY.toString(),
                "passed", true, "examiner", "沁水县政务服务中心")).expect2xx("assessment");
        return id;
    }

    Map<String, Object> proxy(String village) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "PROXY");
        body.put("mode", "ON_SITE");
        body.put("stationCode", village);
        body.put("agentId", agentOf.get(village));
        body.put("itemCode", "ZR-001");
        body.put("consentGiven", true);
        body.put("client", Map.of("kind", "CITIZEN", "name", "王秀英", "residentId", "11010519491231002X",
                "phone", "13912345678"));
        body.put("needsAnalysis", Map.of("difficulty", "HIGH", "estimatedWorkingDays", 10,
                "steps", List.of("核对材料", "上传县级"), "confirmedByClient", true));
        body.put("teamLeaderId", leaderOf.get(village));
        body.put("applicantSigned", true);
        return body;
    }

    Map<String, Object> assist(String village) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ASSIST");
        body.put("mode", "ON_SITE");
        body.put("stationCode", village);
        body.put("agentId", agentOf.get(village));
        body.put("itemCode", "RS-001");
        body.put("client", Map.of("kind", "CITIZEN", "name", "刘大爷", "phone", "13912345678"));
        body.put("consentGiven", true);
        return body;
    }

    String commission(String village, boolean proxy) {
        Api.Answer a = api.post(api.command + "/api/delegations", agentToken(village), proxy ? proxy(village) : assist(village));
        if (!a.ok()) {
            throw new IllegalStateException("commission " + a.status() + " " + a.body());
        }
        return a.json().get("id").asText();
    }

    /** The lifecycle steps the mix runs on an assisted matter, in order (each must be allowed after the last). */
    List<Map.Entry<String, Map<String, Object>>> steps() {
        List<Map.Entry<String, Map<String, Object>>> s = new ArrayList<>();
        s.add(Map.entry("progress", Map.of("note", "已电话联系", "channel", "PHONE")));
        s.add(Map.entry("supplement-requests", Map.of("materials", List.of(Map.of("name", "户口簿",
                "howToObtain", "户籍所在地派出所")), "dueDate", TODAY.plusDays(5).toString())));
        s.add(Map.entry("progress", Map.of("note", "材料待补", "channel", "PHONE")));
        s.add(Map.entry("supplement-receipt", Map.of()));
        s.add(Map.entry("completion", Map.of("successful", true, "resultReference", "参保登记 0001")));
        s.add(Map.entry("delivery", Map.of("method", "ELECTRONIC_LICENCE", "handoverProof", "短信通知",
                "licenceInstructionsGiven", true)));
        s.add(Map.entry("evaluation", Map.of("overall", "VERY_SATISFIED", "attitude", "VERY_SATISFIED",
                "quality", "SATISFIED", "efficiency", "SATISFIED", "channel", "PHONE_FOLLOW_UP")));
        return s;
    }

    // ---------------------------------------------------------------------------------------------- phases

    long maxGlobalIndex() throws Exception {
        try (Connection c = seeder.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(global_index), 0) from command_side.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long eventsAfter(long index) throws Exception {
        try (Connection c = seeder.connect();
             PreparedStatement ps = c.prepareStatement("select count(*) from command_side.domain_event_entry where global_index > ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void raw() throws Exception {
        log("raw ceiling: one event per transaction into a copy of the event table");
        byte[] payload;
        byte[] meta;
        String sampleId = commission(villages.get(0), true);
        try (Connection c = seeder.connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists bench_raw cascade");
            s.execute("create schema bench_raw");
            s.execute("create table bench_raw.domain_event_entry (like command_side.domain_event_entry including all)");
            // Its own sequence: taking numbers from the live table's would leave gaps the processors must track.
            s.execute("create sequence bench_raw.global_index_seq");
            s.execute("alter table bench_raw.domain_event_entry alter column global_index set default nextval('bench_raw.global_index_seq')");
            try (PreparedStatement ps = c.prepareStatement("select payload, meta_data from command_side.domain_event_entry "
                    + "where aggregate_identifier = ? order by sequence_number limit 1")) {
                ps.setString(1, sampleId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    payload = rs.getBytes(1);
                    meta = rs.getBytes(2);
                }
            }
        }
        report.rawPayloadBytes = payload.length + (meta == null ? 0 : meta.length);
        for (int n : rawConnections) {
            List<Connection> conns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Connection c = seeder.connect();
                c.setAutoCommit(true);
                conns.add(c);
            }
            List<PreparedStatement> statements = new ArrayList<>();
            for (Connection c : conns) {
                statements.add(c.prepareStatement("insert into bench_raw.domain_event_entry (event_identifier, "
                        + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, "
                        + "meta_data, actor_id, station_code, correlation_id) values (?,?,?,?,?,?,?,?,?,?,?,?)"));
            }
            Stats st = Load.run("raw " + n, n, seconds, (w, i) -> {
                PreparedStatement ps = statements.get(w);
                String id = java.util.UUID.randomUUID().toString();
                ps.setString(1, id);
                ps.setString(2, id);
                ps.setLong(3, 0);
                ps.setString(4, "Delegation");
                ps.setString(5, Instant.now().toString());
                ps.setString(6, "cn.daiban.kernel.delegation.DelegationCommissionedEvent");
                ps.setString(7, "1");
                ps.setBytes(8, payload);
                ps.setBytes(9, meta);
                ps.setString(10, "bench");
                ps.setString(11, villages.get(0));
                ps.setString(12, id);
                return ps.executeUpdate() == 1;
            });
            st.eventsPerCommand = 1;
            report.raw.put(n, st);
            log(String.format("  %d connections: %.0f events/s, p99 %s ms", n, st.throughput(), Stats.f(st.ms(0.99))));
            for (Connection c : conns) {
                c.close();
            }
        }
        try (Connection c = seeder.connect(); Statement s = c.createStatement()) {
            s.execute("drop schema bench_raw cascade");
        }
    }

    /** Phase 2: commissioning and the lifecycle mix at each concurrency. */
    void commands(String store) throws Exception {
        log("commands over HTTP, " + store);
        Map<Integer, Stats> commissioning = new LinkedHashMap<>();
        Map<Integer, Stats> mix = new LinkedHashMap<>();
        Map<Integer, Map<String, Stats>> mixPerStep = new LinkedHashMap<>();
        // A warm-up before the first point of a run: without it that point (and the empty store's 16 clients, which
        // the JIT was still compiling for) measured the JIT, not the stack. Its figures are logged, not reported.
        List<Integer> points = new ArrayList<>();
        int warmUps = warmedUp || warmUpSeconds <= 0 ? 0 : 1;
        if (warmUps == 1) {
            points.add(4);
            warmedUp = true;
        }
        for (int n : clients) {
            points.add(n);
        }
        for (int p = 0; p < points.size(); p++) {
            int n = points.get(p);
            boolean measured = p >= warmUps;
            double seconds = measured ? this.seconds : warmUpSeconds;
            String label = measured ? "" : " (warm-up, not reported)";
            boolean profiling = profiling();
            boolean profile = measured && n == 16 && profiling;
            // The first JFR recording of a process costs it seconds of class loading and compiling: paid in the
            // warm-up (a recording thrown away), not in the first profiled point (the empty store's 16 clients).
            if (!measured && profiling) {
                profiler.start(commandPid, "warm-up", seconds * 2);
            }
            Load.Op commissioningTask = (w, i) -> {
                String village = villages.get((int) ((w + i) % villages.size()));
                Api.Answer a = api.post(api.command + "/api/delegations", agentToken(village),
                        i % 2 == 0 ? proxy(village) : assist(village));
                if (!a.ok()) {
                    throw new IllegalStateException("HTTP " + a.status() + " " + a.body());
                }
                return true;
            };
            long before = maxGlobalIndex();
            Map<String, Double> cpuBefore = cpu.seconds();
            Stats c = Load.run("commission", n, seconds, commissioningTask);
            c.eventsPerCommand = c.ok == 0 ? Double.NaN : (double) eventsAfter(before) / c.ok;
            c.cpuPerCommand = Cpu.perCommand(cpuBefore, cpu.seconds(), c.ok);
            if (measured) {
                commissioning.put(n, c);
            }
            log(String.format("  commissioning %2d clients: %.1f/s p50 %s p99 %s ms, %d errors%s%s", n, c.throughput(),
                    Stats.f(c.ms(.5)), Stats.f(c.ms(.99)), c.errors, c.firstError == null ? "" : " (" + c.firstError + ")",
                    label));
            if (profile) {
                // The profile comes from a pass of its own, after the measured one: a recording costs the process
                // CPU, so the point that carries the target is measured without it (the log gives both rates).
                String name = "command-side-commissioning-16-" + store.replace(' ', '-');
                profiler.start(commandPid, name, seconds);
                Stats profiled = Load.run("commission", n, seconds, commissioningTask);
                profiler.stop(commandPid, name);
                log(String.format("  commissioning %2d clients: %.1f/s, %d errors (under the recording, not reported)",
                        n, profiled.throughput(), profiled.errors));
            }

            // The mix: each client walks its own assisted matters through the steps (no two clients on one matter).
            List<Map.Entry<String, Map<String, Object>>> steps = steps();
            Map<String, ConcurrentLinkedQueue<Long>> perStep = new LinkedHashMap<>();
            for (var s : steps) {
                perStep.putIfAbsent(s.getKey(), new ConcurrentLinkedQueue<>());
            }
            String[] current = new String[n];
            int[] at = new int[n];
            for (int w = 0; w < n; w++) {
                current[w] = commission(villages.get(w % villages.size()), false);
            }
            long beforeMix = maxGlobalIndex();
            Map<String, Double> cpuBeforeMix = cpu.seconds();
            AtomicLong commissionsInMix = new AtomicLong();
            Stats m = Load.run("mix", n, seconds, (w, i) -> {
                String village = villages.get(w % villages.size());
                if (at[w] == steps.size()) {
                    current[w] = commission(village, false);
                    commissionsInMix.incrementAndGet();
                    at[w] = 0;
                }
                var step = steps.get(at[w]++);
                long t0 = System.nanoTime();
                Api.Answer a = api.post(api.command + "/api/delegations/" + current[w] + "/" + step.getKey(),
                        agentToken(village), step.getValue());
                if (!a.ok()) {
                    at[w] = steps.size();
                    throw new IllegalStateException(step.getKey() + " HTTP " + a.status() + " " + a.body());
                }
                perStep.get(step.getKey()).add(System.nanoTime() - t0);
                return true;
            });
            m.eventsPerCommand = m.ok == 0 ? Double.NaN
                    : (double) eventsAfter(beforeMix) / (m.ok + commissionsInMix.get());
            m.cpuPerCommand = Cpu.perCommand(cpuBeforeMix, cpu.seconds(), m.ok + commissionsInMix.get());
            if (!measured && profiling) {
                profiler.discard(commandPid, "warm-up");
            }
            if (measured) {
                mix.put(n, m);
                Map<String, Stats> ps = new LinkedHashMap<>();
                perStep.forEach((k, q) -> ps.put(k, new Stats(k, q.stream().mapToLong(Long::longValue).toArray(), q.size(), 0, m.seconds)));
                mixPerStep.put(n, ps);
            }
            log(String.format("  lifecycle mix %2d clients: %.1f/s p50 %s p99 %s ms, %d errors%s%s", n, m.throughput(),
                    Stats.f(m.ms(.5)), Stats.f(m.ms(.99)), m.errors, m.firstError == null ? "" : " (" + m.firstError + ")",
                    label));
        }
        report.commands.put(store, commissioning);
        report.mix.put(store, mix);
        report.mixSteps.put(store, mixPerStep);
        report.storeEvents.put(store, maxGlobalIndex());
    }

    /** Phase 3: a large history straight into the event table. */
    void seed() throws Exception {
        log("seed: templates over HTTP, then " + delegations + " delegations by COPY");
        String v0 = villages.get(0);
        List<Seeder.Template> templates = new ArrayList<>();
        // An open proxy matter (commissioned, a progress report, a supplement requested: deadlines open).
        String open = commission(v0, true);
        step(open, v0, "progress", Map.of("note", "已电话联系", "channel", "PHONE"));
        step(open, v0, "supplement-requests", steps().get(1).getValue());
        templates.add(new Seeder.Template(open, v0, agentOf.get(v0), leaderOf.get(v0), true));
        // A finished assist (commissioned, progress, completed, delivered, evaluated).
        String done = commission(v0, false);
        for (var s : steps()) {
            if (!s.getKey().startsWith("supplement")) {
                step(done, v0, s.getKey(), s.getValue());
            }
        }
        templates.add(new Seeder.Template(done, v0, agentOf.get(v0), leaderOf.get(v0), false));
        // A finished proxy is closer to the real share; the open share is configurable.
        List<Seeder.Target> targets = villages.stream().map(v -> new Seeder.Target(v, agentOf.get(v), leaderOf.get(v))).toList();
        double openShare = Double.parseDouble(env.getOrDefault("BENCH_OPEN_SHARE", "0.3"));
        long t0 = System.nanoTime();
        Seeder.Result r = seeder.seed(templates, targets, delegations, openShare,
                Integer.parseInt(env.getOrDefault("BENCH_SEED_THREADS", "2")));
        double took = (System.nanoTime() - t0) / 1e9;
        report.seed = Map.of("delegations", (double) delegations, "events", (double) r.events(), "tasks", (double) r.tasks(),
                "seconds", took, "eventsPerSecond", r.events() / took);
        report.seedSample = r.someIds().get(r.someIds().size() - 1);
        report.seedHeadIndex = maxGlobalIndex();
        try (Connection c = seeder.connect(); Statement s = c.createStatement()) {
            s.execute("analyze command_side.domain_event_entry");
            s.execute("analyze command_side.scheduled_tasks");
        }
        log(String.format("  %d events, %d deadlines in %.1f s (%.0f events/s)", r.events(), r.tasks(), took, r.events() / took));
        // Does a seeded stream verify like one the command side wrote?
        Api.Answer v = api.get(api.query + "/api/audit/verification?aggregateId=" + report.seedSample, supervisor());
        report.seedVerification = v.status() + " " + (v.body().length() > 300 ? v.body().substring(0, 300) + "…" : v.body());
        Api.Answer tv = api.get(api.query + "/api/audit/verification?aggregateId=" + done, supervisor());
        report.templateVerification = tv.status() + " " + (tv.body().length() > 300 ? tv.body().substring(0, 300) + "…" : tv.body());
    }

    /** How many lines of an application's log report an OutOfMemoryError (-1: the log is not there). */
    static long outOfMemoryErrors(Path log) {
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("OutOfMemoryError")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    void step(String delegation, String village, String step, Map<String, Object> body) {
        api.post(api.command + "/api/delegations/" + delegation + "/" + step, agentToken(village), body).expect2xx(step);
    }

    /** The lowest position the query side's processors have reached (GapAwareTrackingToken's index). */
    long queryPosition() throws Exception {
        Pattern index = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
        long min = Long.MAX_VALUE;
        try (Connection c = seeder.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select processor_name, convert_from(token, 'UTF8') from query_side.token_entry "
                     + "where token is not null")) {
            while (rs.next()) {
                Matcher m = index.matcher(rs.getString(2));
                if (m.find()) {
                    min = Math.min(min, Long.parseLong(m.group(1)));
                }
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    void catchup() throws Exception {
        long target = report.seedHeadIndex > 0 ? report.seedHeadIndex : maxGlobalIndex();
        long from = queryPosition();
        log("catch-up: the query side from position " + from + " to " + target + " (at most " + catchupMax + " s)");
        long t0 = System.nanoTime();
        long pos = from;
        boolean profiled = false;
        while ((System.nanoTime() - t0) / 1e9 < catchupMax) {
            pos = queryPosition();
            if (pos >= target) {
                break;
            }
            if (!profiled && (System.nanoTime() - t0) / 1e9 > 5) {
                profiler.start(queryPid, "query-side-catch-up", Math.min(60, seconds * 2));
                profiled = true;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        if (profiled) {
            profiler.stop(queryPid, "query-side-catch-up");
        }
        long eventsSeen;
        try (Connection c = seeder.connect();
             PreparedStatement ps = c.prepareStatement("select count(*) from command_side.domain_event_entry where global_index > ? and global_index <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, Math.min(pos, target));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                eventsSeen = rs.getLong(1);
            }
        }
        StringBuilder positions = new StringBuilder("| processor | segment | position | behind the seeded head |\n| --- | ---: | ---: | ---: |\n");
        try (Connection c = seeder.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select processor_name, segment, convert_from(token, 'UTF8') from query_side.token_entry "
                     + "where token is not null order by 1, 2")) {
            Pattern index = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
            while (rs.next()) {
                Matcher m = index.matcher(rs.getString(3));
                long p = m.find() ? Long.parseLong(m.group(1)) : 0;
                positions.append("| ").append(rs.getString(1)).append(" | ").append(rs.getInt(2)).append(" | ").append(p)
                        .append(" | ").append(Math.max(0, target - p)).append(" |\n");
            }
        }
        report.catchupPositions = positions.toString();
        report.catchup = new double[]{took, eventsSeen, eventsSeen / took, pos >= target ? 1 : 0,
                target - Math.min(pos, target)};
        log(String.format("  %s after %.0f s: %d events, %.0f events/s", pos >= target ? "caught up" : "NOT caught up",
                took, eventsSeen, eventsSeen / took));
    }

    /** Phase 4a: from a command's 2xx to its delegation on the query side, under steady load at half the max rate. */
    void lag() throws Exception {
        Map<Integer, Stats> latest = report.commands.getOrDefault("large store", report.commands.get("empty store"));
        double max = latest == null ? 50 : latest.values().stream().mapToDouble(Stats::throughput).max().orElse(50);
        double rate = Math.max(1, max / 2);
        int n = 8;
        log(String.format("lag: commissioning at %.1f/s (half the best measured), %d clients", rate, n));
        // The lag is read off the views themselves: every 10 ms one query, on a connection of its own straight to
        // PostgreSQL, asks delegation_view which of the matters not yet seen are there, so the query side it measures
        // carries no polling load. (Polling GET /api/delegations/{id} per matter measured the pollers: 4 of them
        // queued the matters behind each other, and a watcher asking for every pending matter loaded the query
        // side. The live feed a dashboard follows is later still: it looks for new events once a second, then waits
        // for the view.) Each matter is then read once at GET /api/delegations/{id}; one not in the view within 60 s
        // of the last command is counted as not seen.
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicReference<Exception> watchFailed = new AtomicReference<>();
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        Thread watcher = new Thread(() -> {
            try (Connection c = seeder.connect(); PreparedStatement q = c.prepareStatement(
                    "select delegation_id from query_side.delegation_view where delegation_id = any(?)")) {
                while (sending.get() || (!seen.keySet().containsAll(acked.keySet()) && System.nanoTime() < stopAt.get())) {
                    Object[] pending = acked.keySet().stream().filter(id -> !seen.containsKey(id)).toArray();
                    if (pending.length > 0) {
                        q.setArray(1, c.createArrayOf("varchar", pending));
                        try (ResultSet rs = q.executeQuery()) {
                            long now = System.nanoTime();
                            while (rs.next()) {
                                seen.putIfAbsent(rs.getString(1), now);
                            }
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            } catch (Exception e) {
                watchFailed.set(e);
            }
        }, "lag-watcher");
        watcher.start();
        String reader = manager(villages.get(0));
        Stats s = Load.run("lag", n, seconds, rate, (w, i) -> {
            String village = villages.get(0);
            Api.Answer a = api.post(api.command + "/api/delegations", agentToken(village), i % 2 == 0 ? proxy(village) : assist(village));
            long at = System.nanoTime();
            if (!a.ok()) {
                throw new IllegalStateException("HTTP " + a.status() + " " + a.body());
            }
            acked.put(a.json().get("id").asText(), at);
            return true;
        });
        stopAt.set(System.nanoTime() + 60_000_000_000L);
        sending.set(false);
        watcher.join(90_000);
        if (watchFailed.get() != null) {
            throw new IllegalStateException("the lag watcher failed", watchFailed.get());
        }
        long[] lags = acked.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                .mapToLong(e -> seen.get(e.getKey()) - e.getValue()).toArray();
        long lost = acked.size() - lags.length;
        long unreadable = seen.keySet().stream().filter(id -> !api.get(api.query + "/api/delegations/" + id, reader).ok()).count();
        if (unreadable > 0) {
            throw new IllegalStateException(unreadable + " matters in delegation_view are not readable at GET /api/delegations/{id}");
        }
        report.lagCommands = s;
        report.lagRate = rate;
        report.lag = new Stats("lag", lags, lags.length, lost, s.seconds);
        log(String.format("  commands p50 %s p99 %s ms; lag p50 %s p99 %s ms (%d not seen in 60 s)", Stats.f(s.ms(.5)),
                Stats.f(s.ms(.99)), Stats.f(report.lag.ms(.5)), Stats.f(report.lag.ms(.99)), lost));
    }

    /** Phase 4b: a full rebuild of the delegations projection against a raw ordered scan of the event table. */
    void rebuild() throws Exception {
        log("raw ordered scan of the event table");
        long t0 = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (Connection c = seeder.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(5000);
                try (ResultSet rs = s.executeQuery("select payload, meta_data from command_side.domain_event_entry order by global_index")) {
                    while (rs.next()) {
                        bytes += rs.getBytes(1).length;
                        rows++;
                    }
                }
            }
        }
        double scan = (System.nanoTime() - t0) / 1e9;
        report.scan = new double[]{rows, scan, rows / scan, bytes};
        log(String.format("  %d events in %.1f s: %.0f events/s", rows, scan, rows / scan));

        log("rebuild of delegations (at most " + rebuildMax + " s)");
        Api.Answer started = api.post(api.query + "/api/admin/rebuilds/delegations", admin(), Map.of());
        long r0 = System.nanoTime();
        profiler.start(queryPid, "query-side-rebuild", Math.min(120, rebuildMax));
        JsonNode last = null;
        while ((System.nanoTime() - r0) / 1e9 < rebuildMax) {
            Api.Answer a = api.get(api.query + "/api/admin/rebuilds/delegations", admin());
            if (a.ok()) {
                last = a.json();
                String state = last.path("state").asText();
                if (!"RUNNING".equals(state) && !state.isEmpty()) {
                    break;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        double took = (System.nanoTime() - r0) / 1e9;
        profiler.stop(queryPid, "query-side-rebuild");
        report.rebuildStart = started.status() + "";
        report.rebuild = last;
        report.rebuildSeconds = took;
        log("  rebuild: " + (last == null ? started.body() : last.toString()) + String.format(" (own timing %.1f s)", took));
    }

    /** One read of {@code urlAndToken} (the query side's path, the bearer token), refused unless it is a 2xx. */
    private Load.Op read(String[] urlAndToken) {
        String url = api.query + urlAndToken[0];
        String token = urlAndToken[1];
        return (w, i) -> {
            Api.Answer a = api.get(url, token);
            if (!a.ok()) {
                throw new IllegalStateException("HTTP " + a.status() + " " + a.body());
            }
            return true;
        };
    }

    /** Phase 5: reads at the store's volume. */
    void reads() throws Exception {
        String v0 = villages.get(0);
        String month = TODAY.withDayOfMonth(1).toString();
        Map<String, String[]> reads = new LinkedHashMap<>();
        reads.put("station dashboard (village)", new String[]{"/api/stations/" + v0 + "/dashboard", manager(v0)});
        reads.put("county roll-up dashboard", new String[]{"/api/stations/" + county + "/dashboard", supervisor()});
        reads.put("ledger first page (county, roll-up)", new String[]{"/api/ledger?station=" + county + "&rollUp=true", supervisor()});
        reads.put("ledger first page (village)", new String[]{"/api/ledger?station=" + v0, manager(v0)});
        reads.put("ledger ?window=", new String[]{"/api/ledger?station=" + county + "&rollUp=true&window=Z1", supervisor()});
        reads.put("ledger ?from=&to= (this month)", new String[]{"/api/ledger?station=" + county + "&rollUp=true&from=" + month + "&to=" + TODAY, supervisor()});
        reads.put("ledger ?status=COMPLETED", new String[]{"/api/ledger?station=" + county + "&rollUp=true&status=COMPLETED", supervisor()});
        reads.put("ledger ?item=RS-001", new String[]{"/api/ledger?station=" + county + "&rollUp=true&item=RS-001", supervisor()});
        reads.put("ledger ?agent=", new String[]{"/api/ledger?station=" + county + "&rollUp=true&agent=" + agentOf.get(v0), supervisor()});
        reads.put("ledger oldest first", new String[]{"/api/ledger?station=" + county + "&rollUp=true&oldestFirst=true", supervisor()});
        reads.put("ledger page 100", new String[]{"/api/ledger?station=" + county + "&rollUp=true&page=100", supervisor()});
        double each = Math.max(3, seconds / 2);
        for (var e : reads.entrySet()) {
            Stats s = Load.run(e.getKey(), 1, each, read(e.getValue()));
            report.reads.put(e.getKey() + " `" + e.getValue()[0].replace(county, "{county}").replace(v0, "{village}") + "`", s);
            log(String.format("  %-40s p50 %s p99 %s ms (%d, %d errors%s)", e.getKey(), Stats.f(s.ms(.5)), Stats.f(s.ms(.99)),
                    s.ok, s.errors, s.firstError == null ? "" : ": " + s.firstError));
        }
        if (profiling()) {
            // The profile comes from a pass of its own, after the measured one (a recording costs the process CPU
            // and its threads pauses, which the p99s would carry).
            double profiled = Math.max(2, each / 2);
            profiler.start(queryPid, "query-side-reads", profiled * reads.size() + 5);
            for (var e : reads.entrySet()) {
                Load.run(e.getKey(), 1, profiled, read(e.getValue()));
            }
            profiler.stop(queryPid, "query-side-reads");
            log("  the reads again, under a JFR recording (not reported)");
        }

        // The export of one village's whole ledger: 1/villages of the store (100 k rows at 1 M and 10 villages).
        log("export: ledger.csv of one village");
        sampler.focusQuery = true;
        long heapBefore = sampler.queryHeapNow(this);
        long retainedBefore = Sampler.retained(this, api.query);
        long collectionsBefore = Sampler.collections(this, api.query);
        sampler.resetExportPeak();
        long t0 = System.nanoTime();
        long[] d = api.download(api.query + "/api/ledger.csv?station=" + v0, manager(v0));
        double took = (System.nanoTime() - t0) / 1e9;
        sampler.sampleExportEnd(this);
        sampler.focusQuery = false;
        long collectionsAfter = Sampler.collections(this, api.query);
        long collections = collectionsBefore < 0 || collectionsAfter < 0 ? -1 : collectionsAfter - collectionsBefore;
        report.export = new double[]{d[0], d[1], d[2], took, heapBefore, sampler.exportPeak, retainedBefore,
                sampler.exportRetainedPeak, collections};
        log(String.format("  HTTP %d, %d bytes, %d lines in %.1f s; query heap used before %d MiB, peak %d MiB; "
                        + "old generation and survivors before %d MiB, peak %d MiB; %d collections while exporting",
                d[0], d[1], d[2], took, heapBefore >> 20, sampler.exportPeak >> 20, retainedBefore >> 20,
                sampler.exportRetainedPeak >> 20, collections));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(String what, int seconds, Check check) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ignored) {
                // try again
            }
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }
}

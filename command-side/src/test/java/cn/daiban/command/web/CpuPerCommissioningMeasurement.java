package cn.daiban.command.web;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not part of {@code verify} (its name matches neither surefire's nor failsafe's patterns): the CPU one
 * commissioning (PROXY and ASSIST alternately, as the benchmark sends them) costs in the command side, over real
 * HTTP into the embedded servlet container. It warms up ({@code cmdcpu.warmup}, default 2,000), measures the process's
 * CPU less the load threads' own ({@code cmdcpu.measure}, default 3,000, no recording), then records a JFR
 * ({@code profile} settings) over {@code cmdcpu.profile} (default 3,000) more and prints the top frames of the
 * application's threads by self and by total samples (also to {@code target/command-cpu.txt}). Run it on its own:
 * {@code scripts/unprivileged ./mvnw -B -pl command-side -am verify -Dtest=none
 * -Dit.test=CpuPerCommissioningMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@DirtiesContext
class CpuPerCommissioningMeasurement extends PostgresIntegrationTest {

    private static final int CLIENTS = Integer.getInteger("cmdcpu.clients", 4);
    private static final String LOAD_THREAD = "cmdcpu-load-";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    ObjectMapper json;

    private final StringBuilder out = new StringBuilder();

    @Test
    void measureTheCpuOfACommissioning() throws Exception {
        List<String[]> villages = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            villages.add(village(c));
        }
        run("warm-up", Integer.getInteger("cmdcpu.warmup", 2000), villages);
        for (int round = 0; round < Integer.getInteger("cmdcpu.rounds", 2); round++) {
            run("measure " + round, Integer.getInteger("cmdcpu.measure", 3000), villages);
        }
        Path jfr = Path.of("target", "command-cpu.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
            recording.start();
            run("profiled", Integer.getInteger("cmdcpu.profile", 3000), villages);
            recording.stop();
            recording.dump(jfr);
        }
        summarise(jfr);
        Files.writeString(Path.of("target", "command-cpu.txt"), out);
        System.out.println(out);
    }

    /** {@code n} commissionings from {@link #CLIENTS} threads; prints the command side's CPU per command. */
    void run(String what, int n, List<String[]> villages) throws Exception {
        AtomicInteger left = new AtomicInteger(n);
        AtomicInteger failures = new AtomicInteger();
        AtomicLong loadCpu = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Thread> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String[] v = villages.get(c);
            Thread t = new Thread(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                int i = 0;
                while (left.getAndDecrement() > 0) {
                    int status = post("/api/delegations", i++ % 2 == 0 ? proxy(v) : assist(v), v[3]);
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                }
                loadCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
            }, LOAD_THREAD + c);
            load.add(t);
        }
        long wall0 = System.nanoTime();
        long process0 = os.getProcessCpuTime();
        load.forEach(Thread::start);
        for (Thread t : load) {
            t.join();
        }
        long process = os.getProcessCpuTime() - process0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        double perCommand = (process - loadCpu.get()) / 1e6 / n;
        line(String.format("%-10s %5d commissionings in %5.1f s (%.0f/s), %d failed: command side %.2f ms CPU each "
                        + "(process %.2f, load threads %.2f)", what, n, wall, n / wall, failures.get(), perCommand,
                process / 1e6 / n, loadCpu.get() / 1e6 / n));
        assertThat(failures.get()).isZero();
    }

    void summarise(Path jfr) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            if (thread != null && thread.startsWith(LOAD_THREAD)) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            byThread.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String m = name(f);
                if (seen.add(m)) {
                    total.merge(m, 1, Integer::sum);
                }
            }
        }
        line("samples of the application's threads: " + samples);
        line("-- by thread");
        top(byThread, samples, 10);
        line("-- top by self");
        top(self, samples, 40);
        line("-- top by total (stack-aggregated)");
        top(total, samples, 120);
    }

    void top(Map<String, Integer> counts, int samples, int n) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> line(String.format("%6.1f%% %6d  %s", 100.0 * e.getValue() / samples, e.getValue(),
                        e.getKey())));
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    void line(String s) {
        out.append(s).append('\n');
        System.out.println(s);
    }

    // ------------------------------------------------------------------------------------------- set-up and HTTP

    /** A village with a qualified agent and team leader: {village, agent, leader, agent's token}. */
    String[] village(int c) throws Exception {
        String county = "1731" + ThreadLocalRandom.current().nextInt(10000, 99999);
        String township = county + "1";
        String village = township + "0" + (c % 10);
        String admin = tokens.issue("admin-01", Role.ADMINISTRATOR, null);
        created("/api/stations", opening(county, "COUNTY_CENTRE", null), admin);
        created("/api/stations/" + county + "/opening/approval", Map.of(), admin);
        String mc = tokens.issue("m-c", Role.STATION_MANAGER, county);
        created("/api/stations", opening(township, "TOWNSHIP_CENTRE", county), mc);
        created("/api/stations/" + township + "/opening/approval", Map.of(), mc);
        String mt = tokens.issue("m-t", Role.STATION_MANAGER, township);
        created("/api/stations", opening(village, "VILLAGE_STATION", township), mt);
        created("/api/stations/" + village + "/opening/approval", Map.of(), mt);
        String mv = tokens.issue("m-v", Role.STATION_MANAGER, village);
        String agent = agent(village, "AGENT", mv);
        String leader = agent(village, "ZONE_LEAD", mv);
        return new String[] {village, agent, leader, tokens.issue(agent, Role.AGENT, village)};
    }

    String agent(String village, String role, String token) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of(ServiceClock.DEFAULT_ZONE));
        String id = created("/api/agents", Map.of("stationCode", village, "name", "赵红", "phone", "13700001111",
                "background", "PARTY_MEMBER", "role", role, "intakeExperienceSince", today.minusYears(2).toString()),
                token);
        created("/api/agents/" + id + "/trainings", Map.of("date", today.toString(), "topic", "帮办代办业务培训", "hours", 4), token);
        created("/api/agents/" + id + "/assessments", Map.of("date", today.toString(), "passed", true,
                "examiner", "沁水县政务服务中心"), token);
        return id;
    }

    static Map<String, Object> opening(String code, String level, String parent) {
        Map<String, Object> body = new HashMap<>(Map.of("stationCode", code, "name", "测试便民服务站", "level", level,
                "region", code.substring(0, 6), "address", "测试地址",
                "manager", Map.of("name", "张伟", "phone", "13812345678"), "supervisionPhone", "0356-7022345",
                "serviceItemCodes", List.of("ZR-001", "RS-001", "YB-002")));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        return body;
    }

    static Map<String, Object> proxy(String[] v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PROXY");
        body.put("mode", "ON_SITE");
        body.put("stationCode", v[0]);
        body.put("agentId", v[1]);
        body.put("itemCode", "ZR-001");
        body.put("consentGiven", true);
        body.put("client", Map.of("kind", "CITIZEN", "name", "王秀英", "residentId", "11010519491231002X",
                "phone", "13912345678"));
        body.put("needsAnalysis", Map.of("difficulty", "HIGH", "estimatedWorkingDays", 10,
                "steps", List.of("核对材料", "上传县级"), "confirmedByClient", true));
        body.put("teamLeaderId", v[2]);
        body.put("applicantSigned", true);
        return body;
    }

    static Map<String, Object> assist(String[] v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "ASSIST");
        body.put("mode", "ON_SITE");
        body.put("stationCode", v[0]);
        body.put("agentId", v[1]);
        body.put("itemCode", "RS-001");
        body.put("client", Map.of("kind", "CITIZEN", "name", "刘大爷", "phone", "13912345678"));
        body.put("consentGiven", true);
        return body;
    }

    String created(String path, Object body, String token) throws Exception {
        String[] answer = new String[1];
        int status = post(path, body, token, answer);
        assertThat(status).as(answer[0]).isBetween(200, 299);
        var id = json.readTree(answer[0]).get("id");
        return id == null ? null : id.asText();
    }

    int post(String path, Object body, String token) {
        try {
            return post(path, body, token, null);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A plain, keep-alive HTTP/1.1 POST on the calling thread, so its CPU is the calling thread's. */
    int post(String path, Object body, String token, String[] answer) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + port + path).openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Authorization", "Bearer " + token);
        byte[] bytes = json.writeValueAsBytes(body);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream o = c.getOutputStream()) {
            o.write(bytes);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (in != null) {
                in.transferTo(b);
            }
            if (answer != null) {
                answer[0] = b.toString(StandardCharsets.UTF_8);
            } else if (status != 201) {
                System.out.println("HTTP " + status + " " + b.toString(StandardCharsets.UTF_8));
            }
        }
        return status;
    }
}

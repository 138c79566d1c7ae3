package cn.daiban.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples both applications' heap used (actuator metrics, else jcmd) and RSS (/proc) through the whole run. */
final class Sampler {

    volatile long commandHeapPeak;
    volatile long queryHeapPeak;
    /** Peaks of the heap still live after a collection (Micrometer's jvm.gc.live.data.size): what the heap must hold. */
    volatile long commandLivePeak;
    volatile long queryLivePeak;
    volatile long commandRssPeak;
    volatile long queryRssPeak;
    volatile long exportPeak;
    /** What the query side's heap kept past young collections (old generation and survivors) at most while exporting. */
    volatile long exportRetainedPeak;
    volatile boolean focusQuery;
    volatile double loadPeak;
    volatile double loadSum;
    volatile int loadSamples;
    private volatile boolean running;
    private Thread thread;

    void start(Bench b) {
        running = true;
        thread = new Thread(() -> {
            int tick = 0;
            while (running) {
                try {
                    if (focusQuery || tick++ % 5 == 0) {
                        long q = heap(b, b.api.query, b.queryPid);
                        queryHeapPeak = Math.max(queryHeapPeak, q);
                        if (focusQuery) {
                            exportPeak = Math.max(exportPeak, q);
                            exportRetainedPeak = Math.max(exportRetainedPeak, retained(b, b.api.query));
                        }
                        if (!focusQuery) {
                            commandHeapPeak = Math.max(commandHeapPeak, heap(b, b.api.command, b.commandPid));
                            commandLivePeak = Math.max(commandLivePeak, live(b, b.api.command));
                            queryLivePeak = Math.max(queryLivePeak, live(b, b.api.query));
                        }
                        commandRssPeak = Math.max(commandRssPeak, rss(b.commandPid));
                        queryRssPeak = Math.max(queryRssPeak, rss(b.queryPid));
                        double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                        loadPeak = Math.max(loadPeak, load);
                        loadSum += load;
                        loadSamples++;
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // a missed sample
                }
            }
        }, "sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
    }

    void resetExportPeak() {
        exportPeak = 0;
        exportRetainedPeak = 0;
    }

    /**
     * One more sample of the export's peaks, taken when it has ended: an export shorter than the sampling interval
     * would otherwise show no peak at all.
     */
    void sampleExportEnd(Bench b) {
        exportPeak = Math.max(exportPeak, heap(b, b.api.query, b.queryPid));
        exportRetainedPeak = Math.max(exportRetainedPeak, retained(b, b.api.query));
    }

    /**
     * What the heap keeps past a young collection, in bytes: the old generation and the survivor space in use (0 when
     * the old generation's metric is not there). Rows an export held in memory would survive the young collections
     * during it and stay here (in the survivor space, or promoted); rows streamed out die young, in eden. Heap used,
     * by contrast, also counts eden's garbage, which G1 lets grow to a large share of the heap before it collects,
     * whether or not anything is held.
     */
    static long retained(Bench b, String base) {
        for (String[] pools : List.of(new String[]{"G1%20Old%20Gen", "G1%20Survivor%20Space"},
                new String[]{"Tenured%20Gen", "Survivor%20Space"}, new String[]{"PS%20Old%20Gen", "PS%20Survivor%20Space"})) {
            long old = metric(b, base, "jvm.memory.used?tag=area:heap&tag=id:" + pools[0]);
            if (old > 0) {
                return old + metric(b, base, "jvm.memory.used?tag=area:heap&tag=id:" + pools[1]);
            }
        }
        return 0;
    }

    /** How many collections (of any kind) the application has made: {@code jvm.gc.pause}'s count (-1 if unknown). */
    static long collections(Bench b, String base) {
        try {
            Api.Answer a = b.api.get(base + "/actuator/metrics/jvm.gc.pause", b.admin());
            if (a.ok()) {
                for (var m : a.json().path("measurements")) {
                    if (m.path("statistic").asText().equals("COUNT")) {
                        return (long) m.path("value").asDouble();
                    }
                }
            }
        } catch (Exception ignored) {
            // unknown
        }
        return -1;
    }

    long queryHeapNow(Bench b) {
        return heap(b, b.api.query, b.queryPid);
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** Heap used in bytes: /actuator/metrics/jvm.memory.used?tag=area:heap, else jcmd GC.heap_info. */
    static long heap(Bench b, String base, long pid) {
        try {
            Api.Answer a = b.api.get(base + "/actuator/metrics/jvm.memory.used?tag=area:heap", b.admin());
            if (a.ok()) {
                return (long) a.json().path("measurements").get(0).path("value").asDouble();
            }
        } catch (Exception ignored) {
            // fall back to jcmd
        }
        if (pid <= 0) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = USED.matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The old generation's size after the last collection, in bytes (0 when the metric is not there). */
    static long live(Bench b, String base) {
        return metric(b, base, "jvm.gc.live.data.size");
    }

    /** The largest the heap may grow, in bytes: the -Xmx in effect (0 when the metric is not there). */
    static long heapMax(Bench b, String base) {
        return metric(b, base, "jvm.memory.max?tag=area:heap");
    }

    private static long metric(Bench b, String base, String name) {
        try {
            Api.Answer a = b.api.get(base + "/actuator/metrics/" + name, b.admin());
            if (a.ok()) {
                return (long) a.json().path("measurements").get(0).path("value").asDouble();
            }
        } catch (Exception ignored) {
            // a missed sample
        }
        return 0;
    }

    static long rss(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // gone
        }
        return 0;
    }
}

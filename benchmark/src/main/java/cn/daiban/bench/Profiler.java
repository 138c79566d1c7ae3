package cn.daiban.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JFR recordings of an application during a phase ({@code jcmd <pid> JFR.start/JFR.stop}) and a summary of their
 * execution samples by top frame and by first application frame ({@code jfr print --events jdk.ExecutionSample}).
 */
final class Profiler {

    private final Path out;
    /** Recording name → its summary (Markdown). */
    final Map<String, String> summaries = new LinkedHashMap<>();

    Profiler(Path out) {
        this.out = out;
    }

    void start(long pid, String name, double seconds) {
        if (pid <= 0) {
            return;
        }
        Path file = out.resolve(name + ".jfr").toAbsolutePath();
        run("jcmd", Long.toString(pid), "JFR.start", "name=" + name, "settings=profile",
                "duration=" + (long) Math.ceil(seconds + 30) + "s", "filename=" + file);
    }

    void stop(long pid, String name) {
        Path file = end(pid, name);
        if (file != null && Files.exists(file)) {
            summaries.put(name, summarise(file));
        }
    }

    /** Stops a recording and throws it away: one made only to pay a recording's first start (the warm-up). */
    void discard(long pid, String name) {
        Path file = end(pid, name);
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException ignored) {
            // left behind, not summarised
        }
    }

    /** Stops a recording, which writes its file; null when there is no process to ask. */
    private Path end(long pid, String name) {
        if (pid <= 0) {
            return null;
        }
        Path file = out.resolve(name + ".jfr").toAbsolutePath();
        run("jcmd", Long.toString(pid), "JFR.stop", "name=" + name, "filename=" + file);
        return file;
    }

    static String summarise(Path file) {
        String text = run("jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", file.toString());
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> app = new HashMap<>();
        int samples = 0;
        List<String> frames = new ArrayList<>();
        boolean inStack = false;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("stackTrace = [")) {
                frames.clear();
                inStack = true;
            } else if (inStack && t.startsWith("]")) {
                inStack = false;
                if (!frames.isEmpty()) {
                    samples++;
                    top.merge(frames.get(0), 1, Integer::sum);
                    frames.stream().filter(f -> f.startsWith("cn.daiban.")).findFirst()
                            .ifPresent(f -> app.merge(f, 1, Integer::sum));
                }
            } else if (inStack && !t.isEmpty() && !t.equals("...")) {
                frames.add(t.replaceAll("\\s+line:.*", ""));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("Recording `").append(file.getFileName()).append("`: ").append(samples).append(" execution samples.\n\n");
        b.append("| top frame | samples | share |\n| --- | ---: | ---: |\n");
        int total = Math.max(1, samples);
        top.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12).forEach(e ->
                b.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                        .append(String.format("%.1f %%", 100.0 * e.getValue() / total)).append(" |\n"));
        b.append("\n| first application frame (cn.daiban…) on the stack | samples | share |\n| --- | ---: | ---: |\n");
        app.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12).forEach(e ->
                b.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                        .append(String.format("%.1f %%", 100.0 * e.getValue() / total)).append(" |\n"));
        return b.toString();
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return text;
        } catch (Exception e) {
            return e.toString();
        }
    }
}

package cn.daiban.bench;

import java.util.Arrays;

/** Latencies of one measurement (plain sorted array, nanoseconds) and what came of the requests. */
final class Stats {
    final String name;
    final long[] sorted;
    final long ok;
    final long errors;
    final double seconds;
    double eventsPerCommand = Double.NaN;
    /** Milliseconds of CPU per command by process of the stack (see {@link Cpu}); empty where not measured. */
    java.util.Map<String, Double> cpuPerCommand = java.util.Map.of();
    String firstError;

    Stats(String name, long[] latencies, long ok, long errors, double seconds) {
        this.name = name;
        this.sorted = latencies.clone();
        Arrays.sort(this.sorted);
        this.ok = ok;
        this.errors = errors;
        this.seconds = seconds;
    }

    double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    /** The q-th quantile in milliseconds (nearest rank). */
    double ms(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}

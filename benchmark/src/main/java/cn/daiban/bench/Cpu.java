package cn.daiban.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by each process of the stack (from {@code /proc/<pid>/stat}), so a measurement can say how many
 * milliseconds of CPU one command costs in the command side, the query side, PostgreSQL and the load client. Unlike
 * latencies, CPU time per command barely moves with the machine's load: it says where the two cores go, and so what
 * a throughput target would take. PostgreSQL is its postmaster (found through {@code postmaster.pid} in the bench's
 * own data directory, not any other PostgreSQL on the machine) with its live backends and, through the postmaster's
 * children's times, the backends that have exited.
 */
final class Cpu {

    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}, 100 on Linux). */
    private static final double TICKS = ticks();

    private final long commandPid;
    private final long queryPid;
    private final Path dataDir;

    Cpu(long commandPid, long queryPid, Path dataDir) {
        this.commandPid = commandPid;
        this.queryPid = queryPid;
        this.dataDir = dataDir;
    }

    /** Seconds of CPU so far per process of the stack; empty where the process is not known. */
    Map<String, Double> seconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        put(cpu, "command side", own(commandPid));
        put(cpu, "query side", own(queryPid));
        put(cpu, "PostgreSQL", postgres());
        put(cpu, "load client", own(ProcessHandle.current().pid()));
        return cpu;
    }

    /** Milliseconds of CPU per command between two readings. */
    static Map<String, Double> perCommand(Map<String, Double> before, Map<String, Double> after, long commands) {
        Map<String, Double> per = new LinkedHashMap<>();
        if (commands <= 0) {
            return per;
        }
        after.forEach((process, seconds) -> {
            Double earlier = before.get(process);
            if (earlier != null) {
                per.put(process, (seconds - earlier) * 1000 / commands);
            }
        });
        return per;
    }

    private static void put(Map<String, Double> cpu, String process, double seconds) {
        if (seconds >= 0) {
            cpu.put(process, seconds);
        }
    }

    /** The process's own user and system time, in seconds; -1 if unknown. */
    private static double own(long pid) {
        long[] t = times(pid);
        return t == null ? -1 : (t[1] + t[2]) / TICKS;
    }

    /** The postmaster, its exited children and its live backends, in seconds; -1 if unknown. */
    private double postgres() {
        long postmaster = postmasterPid();
        long[] t = times(postmaster);
        if (t == null) {
            return -1;
        }
        long ticks = t[1] + t[2] + t[3] + t[4];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] child = times(Long.parseLong(name));
                    if (child != null && child[0] == postmaster) {
                        ticks += child[1] + child[2];
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / TICKS;
    }

    private long postmasterPid() {
        try (Stream<Path> files = Files.walk(dataDir, 4)) {
            Path pidFile = files.filter(p -> p.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .orElse(null);
            return pidFile == null ? -1 : Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {ppid, utime, stime, cutime, cstime} in clock ticks, or null if the process is gone or unknown. */
    private static long[] times(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces), from the third: state, ppid, ... utime is 14th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double ticks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

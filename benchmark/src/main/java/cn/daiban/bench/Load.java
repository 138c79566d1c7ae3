package cn.daiban.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs N closed-loop clients on a fixed thread pool for a bounded time, each timing its own operations. */
final class Load {

    /** One client's operation: true when it succeeded. {@code worker} is the client's number. */
    interface Op {
        boolean run(int worker, long iteration) throws Exception;
    }

    private Load() {
    }

    static Stats run(String name, int clients, double seconds, Op op) {
        return run(name, clients, seconds, 0, op);
    }

    /**
     * @param ratePerSecond 0: as fast as the clients go; else the whole load is paced to this rate (open loop
     *                      per client: each client waits for its next slot, latency measured from the send).
     */
    static Stats run(String name, int clients, double seconds, double ratePerSecond, Op op) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] counts = new long[clients][2];
        for (int c = 0; c < clients; c++) {
            int worker = c;
            futures.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int n = 0;
                long i = 0;
                double interval = ratePerSecond > 0 ? clients * 1e9 / ratePerSecond : 0;
                long next = start + (long) (interval * worker / Math.max(1, clients));
                while (System.nanoTime() < end) {
                    if (interval > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        next += (long) interval;
                        if (System.nanoTime() >= end) {
                            break;
                        }
                    }
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = op.run(worker, i++);
                    } catch (Exception e) {
                        ok = false;
                        firstError.compareAndSet(null, e.toString());
                    }
                    long t = System.nanoTime() - t0;
                    if (ok) {
                        if (n == lat.length) {
                            lat = java.util.Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = t;
                        counts[worker][0]++;
                    } else {
                        counts[worker][1]++;
                    }
                }
                return java.util.Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            try {
                all.add(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        int total = all.stream().mapToInt(a -> a.length).sum();
        long[] merged = new long[total];
        int k = 0;
        for (long[] a : all) {
            System.arraycopy(a, 0, merged, k, a.length);
            k += a.length;
        }
        long ok = 0;
        long err = 0;
        for (long[] c : counts) {
            ok += c[0];
            err += c[1];
        }
        Stats s = new Stats(name, merged, ok, err, took);
        s.firstError = firstError.get();
        return s;
    }
}

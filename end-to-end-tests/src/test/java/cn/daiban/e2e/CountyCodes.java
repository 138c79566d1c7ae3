package cn.daiban.e2e;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * County codes for the end-to-end tests, {@code 1405ddd0d}: one sequence for every test of the run, so two tests
 * never draw the same code (a random draw each time collided now and then: "station code … is already taken"). It
 * starts at a random place so a developer's repeated runs against a kept database rarely meet their earlier codes.
 */
final class CountyCodes {

    /** 899 region parts (100–998) times 9 last digits. */
    private static final int SPACE = 899 * 9;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(SPACE));

    private CountyCodes() {
    }

    static String next() {
        int n = Math.floorMod(NEXT.getAndIncrement(), SPACE);
        return "1405" + (100 + n / 9) + "0" + (n % 9);
    }
}

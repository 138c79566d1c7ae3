package cn.daiban.command.delegation;

/**
 * How far back a step may be recorded after the fact (补录), set in {@code daiban.backdating.*}.
 *
 * @param maxWorkingDaysBack a step may have happened at most this many working days before the day it is recorded
 *                           (default 3: a village station brings its paper records in within the week)
 */
public record BackdatingPolicy(int maxWorkingDaysBack) {

    public BackdatingPolicy {
        if (maxWorkingDaysBack < 0) {
            throw new IllegalArgumentException("maxWorkingDaysBack must not be negative");
        }
    }

    public static BackdatingPolicy defaults() {
        return new BackdatingPolicy(3);
    }
}

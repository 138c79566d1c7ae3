package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * Steps recorded after the fact (补录) across a station (and everything below it with {@code rollUp}), or all
 * stations when null; those entered between {@code from} and {@code to} (the centre's days, inclusive, each
 * optional), newest entry first, at most {@code limit}.
 */
public record FetchBackdatedStepsQuery(String stationCode, boolean rollUp, LocalDate from, LocalDate to, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FetchBackdatedStepsQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new cn.daiban.kernel.common.InvalidValueException("limit", "must be 1 to " + MAX_LIMIT);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new cn.daiban.kernel.common.InvalidValueException("to", "must not be before from");
        }
    }
}

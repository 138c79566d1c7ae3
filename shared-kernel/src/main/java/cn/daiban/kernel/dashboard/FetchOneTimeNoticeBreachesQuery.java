package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * Breaches of 一次性告知 (a second or later supplement request on one matter, `000 §6.3.3`, `003 附件3 四3`) across a
 * station (and everything below it with {@code rollUp}), or all stations when null; of the matters received between
 * {@code from} and {@code to} (the centre's days, inclusive, each optional: the dashboard counts breaches by the day
 * the matter was received), newest request first, at most {@code limit}.
 */
public record FetchOneTimeNoticeBreachesQuery(String stationCode, boolean rollUp, LocalDate from, LocalDate to,
                                              int limit) {

    public static final int MAX_LIMIT = 1000;

    public FetchOneTimeNoticeBreachesQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be 1 to " + MAX_LIMIT);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidValueException("to", "must not be before from");
        }
    }
}

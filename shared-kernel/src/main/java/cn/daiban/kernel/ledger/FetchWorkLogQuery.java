package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.WorkLogEntryKind;

import java.time.LocalDate;

/**
 * The work log (工作日志) of a station's matters, rolled up the hierarchy when asked: every entry by the day it happened,
 * newest first, filtered by date range, kind, and problems still open ({@code openProblems}).
 */
public record FetchWorkLogQuery(String stationCode, boolean rollUp, LocalDate from, LocalDate to, WorkLogEntryKind kind,
                                boolean openProblems, int page, int size) {

    public FetchWorkLogQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        if (openProblems && kind != null && kind != WorkLogEntryKind.PROBLEM) {
            throw new InvalidValueException("kind", "open problems are entries of kind PROBLEM");
        }
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/** The complaint register of a station (rolled up: and every station below it), by date received. */
public record FetchComplaintRegisterQuery(String stationCode, boolean rollUp, LocalDate from, LocalDate to, int page,
                                          int size) {

    public FetchComplaintRegisterQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

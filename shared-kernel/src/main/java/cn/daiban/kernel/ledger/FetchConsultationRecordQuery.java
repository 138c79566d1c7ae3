package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/** The consultation record (接待咨询记录), filtered by station (rolled up), date range and timeliness. */
public record FetchConsultationRecordQuery(String stationCode, boolean rollUp, LocalDate from, LocalDate to,
                                           Timeliness timeliness, int page, int size) {

    public enum Timeliness { IN_TIME, LATE, PENDING }

    public FetchConsultationRecordQuery {
        stationCode = Require.optionalText(stationCode, "station", 20);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

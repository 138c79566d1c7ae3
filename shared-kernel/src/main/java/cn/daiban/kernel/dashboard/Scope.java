package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * Which stations and which days a figure covers: one station, or (with {@code rollUp}) it and every station
 * below it (village → township → county); all stations when none is named. Dates inclusive.
 */
public record Scope(String stationCode, boolean rollUp, LocalDate from, LocalDate to) {

    public Scope {
        stationCode = Require.optionalText(stationCode, "station", 20);
        Require.present(from, "from");
        Require.present(to, "to");
        if (from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw new InvalidValueException("to", "a period covers at most five years");
        }
    }
}

package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;

import java.time.LocalDate;

/** A station's bookings of one day. */
public record FetchStationBookingsQuery(StationCode stationCode, LocalDate date) {

    public FetchStationBookingsQuery {
        Require.present(stationCode, "stationCode");
        Require.present(date, "date");
    }
}

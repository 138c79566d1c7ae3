package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.AcceptanceFormNumbers;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * One row per station and day; the upsert increments it under a row lock inside the commissioning transaction,
 * so two agents of a station never get the same number and a refused commissioning gives its number back.
 */
@Component
class JdbcAcceptanceFormNumbers implements AcceptanceFormNumbers {

    private final JdbcClient jdbc;

    JdbcAcceptanceFormNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AcceptanceFormNumber next(StationCode station, LocalDate day) {
        int sequence = jdbc.sql("""
                        insert into acceptance_form_sequence (station_code, day, last_value) values (?, ?, 1)
                        on conflict (station_code, day)
                        do update set last_value = acceptance_form_sequence.last_value + 1
                        returning last_value""")
                .params(station.value(), day)
                .query(Integer.class)
                .single();
        return AcceptanceFormNumber.of(station, day, sequence);
    }
}

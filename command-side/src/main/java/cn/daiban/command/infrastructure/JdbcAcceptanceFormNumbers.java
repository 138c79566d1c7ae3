package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.AcceptanceFormNumbers;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.jdbc.CommittedApart;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.LocalDate;

/**
 * One row per station and day, incremented by one upsert that commits on its own, outside the commissioning
 * transaction: the row is locked for that one statement only, not through the deadline work and the append, so a
 * station's agents commission side by side. Two agents never get the same number (the upsert increments under the
 * row lock). Assumption: a commissioning refused after its number was taken leaves a gap in the day's numbers; gaps
 * are acceptable because the number is an identifier printed on the form, not an audit count (the audit is the
 * event stream).
 *
 * <p>The upserts run on a small pool of their own ({@link CommittedApart}), never on the command's connection.
 */
@Component
class JdbcAcceptanceFormNumbers implements AcceptanceFormNumbers, DisposableBean {

    private static final String UPSERT = """
            insert into acceptance_form_sequence (station_code, day, last_value) values (?, ?, 1)
            on conflict (station_code, day)
            do update set last_value = acceptance_form_sequence.last_value + 1
            returning last_value""";

    private final CommittedApart apart;

    JdbcAcceptanceFormNumbers(DataSource dataSource) {
        this.apart = CommittedApart.beside(dataSource, "acceptance-form-numbers", 2);
    }

    @Override
    public AcceptanceFormNumber next(StationCode station, LocalDate day) {
        return AcceptanceFormNumber.of(station, day, apart.queryForInt(UPSERT, station.value(), day));
    }

    @Override
    public void destroy() {
        apart.close();
    }
}

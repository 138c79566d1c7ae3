package cn.daiban.command.infrastructure;

import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationChangeApprovedEvent;
import cn.daiban.kernel.station.StationClosureApprovedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRefusedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationStatus;
import cn.daiban.kernel.station.StationWindow;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command side's own look-up of stations, kept by a subscribing processor: its rows are written in the
 * transaction that stores the station's events, so a command handler never sees it lag behind.
 */
@Component
@ProcessingGroup(JdbcStationRegistry.PROCESSING_GROUP)
class JdbcStationRegistry implements StationRegistry {

    static final String PROCESSING_GROUP = "station-registry";

    private final JdbcClient jdbc;

    JdbcStationRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RegisteredStation> find(StationCode code) {
        return jdbc.sql("""
                        select station_code, name, level, status, parent_code, supervision_phone, service_item_codes,
                               region, window_codes
                        from station_registry where station_code = ?""")
                .param(code.value())
                .query((rs, n) -> new RegisteredStation(
                        StationCode.of(rs.getString("station_code")),
                        rs.getString("name"),
                        StationLevel.valueOf(rs.getString("level")),
                        StationStatus.valueOf(rs.getString("status")),
                        rs.getString("parent_code") == null ? null : StationCode.of(rs.getString("parent_code")),
                        rs.getString("supervision_phone"),
                        Set.of((String[]) rs.getArray("service_item_codes").getArray()),
                        rs.getString("region") == null ? null : RegionCode.of(rs.getString("region")),
                        rs.getArray("window_codes") == null ? null
                                : Set.of((String[]) rs.getArray("window_codes").getArray())))
                .optional();
    }

    @EventHandler
    void on(StationOpeningRequestedEvent event) {
        jdbc.sql("""
                        insert into station_registry
                            (station_code, name, level, status, parent_code, supervision_phone, service_item_codes,
                             region, window_codes)
                        values (?, ?, ?, 'APPLIED', ?, ?, ?, ?, ?)
                        on conflict (station_code) do nothing""")
                .params(event.stationCode().value(), event.name(), event.level().name(),
                        event.parentCode() == null ? null : event.parentCode().value(),
                        event.supervisionPhone().value(), event.serviceItemCodes().toArray(String[]::new),
                        event.region() == null ? null : event.region().value(), windowCodes(event.windows()))
                .update();
    }

    @EventHandler
    void on(StationOpeningApprovedEvent event) {
        status(event.stationCode(), StationStatus.OPEN);
    }

    @EventHandler
    void on(StationOpeningRefusedEvent event) {
        status(event.stationCode(), StationStatus.REFUSED);
    }

    @EventHandler
    void on(StationClosureApprovedEvent event) {
        status(event.stationCode(), StationStatus.CLOSED);
    }

    @EventHandler
    void on(StationChangeApprovedEvent event) {
        if (event.serviceItemCodes() != null) {
            jdbc.sql("update station_registry set service_item_codes = ? where station_code = ?")
                    .params(event.serviceItemCodes().toArray(String[]::new), event.stationCode().value())
                    .update();
        }
        if (event.windows() != null) {
            jdbc.sql("update station_registry set window_codes = ? where station_code = ?")
                    .params(windowCodes(event.windows()), event.stationCode().value())
                    .update();
        }
    }

    /** An opening lists its windows (none is an empty list); an approved change without windows keeps them. */
    private static String[] windowCodes(List<StationWindow> windows) {
        return windows == null ? new String[0] : windows.stream().map(StationWindow::code).toArray(String[]::new);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from station_registry").update();
    }

    private void status(StationCode code, StationStatus status) {
        jdbc.sql("update station_registry set status = ? where station_code = ?")
                .params(status.name(), code.value())
                .update();
    }
}

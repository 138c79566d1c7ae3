package cn.daiban.command.infrastructure;

import cn.daiban.command.station.UnfinishedDelegations;
import cn.daiban.kernel.delegation.DelegationArchivedEvent;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which delegations each station is responsible for and whether they are finished (completed or terminated),
 * kept in the delegation events' own transaction. The origin station stays responsible through escalations.
 */
@Component
@ProcessingGroup(JdbcUnfinishedDelegations.PROCESSING_GROUP)
class JdbcUnfinishedDelegations implements UnfinishedDelegations {

    static final String PROCESSING_GROUP = "delegation-registry";

    private final JdbcClient jdbc;

    JdbcUnfinishedDelegations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long at(StationCode station) {
        return jdbc.sql("select count(*) from delegation_registry where station_code = ? and not finished")
                .param(station.value())
                .query(Long.class)
                .single();
    }

    /** The station that commissioned the delegation, if it was commissioned. */
    Optional<StationCode> stationOf(DelegationId delegationId) {
        return jdbc.sql("select station_code from delegation_registry where delegation_id = ?")
                .param(delegationId.value())
                .query(String.class)
                .optional()
                .map(StationCode::of);
    }

    @EventHandler
    void on(DelegationCommissionedEvent event) {
        jdbc.sql("""
                        insert into delegation_registry (delegation_id, station_code, finished) values (?, ?, false)
                        on conflict (delegation_id) do nothing""")
                .params(event.delegationId().value(), event.stationCode().value())
                .update();
    }

    /**
     * A declined intake is a delegation of its station too (its materials are handed back and it is archived, 002
     * 帮办·办结): registered, and finished from the start, so the command policy knows whose it is.
     */
    @EventHandler
    void on(DelegationDeclinedEvent event) {
        jdbc.sql("""
                        insert into delegation_registry (delegation_id, station_code, finished) values (?, ?, true)
                        on conflict (delegation_id) do nothing""")
                .params(event.delegationId().value(), event.stationCode().value())
                .update();
    }

    @EventHandler
    void on(DelegationCompletedEvent event) {
        finished(event.delegationId().value());
    }

    @EventHandler
    void on(DelegationTerminatedEvent event) {
        finished(event.delegationId().value());
    }

    @EventHandler
    void on(DelegationArchivedEvent event) {
        finished(event.delegationId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from delegation_registry").update();
    }

    private void finished(String delegationId) {
        jdbc.sql("update delegation_registry set finished = true where delegation_id = ?").param(delegationId).update();
    }
}

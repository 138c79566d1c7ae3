package cn.daiban.command.infrastructure;

import cn.daiban.command.station.UnfinishedDelegations;
import cn.daiban.kernel.delegation.DelegationArchivedEvent;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.ProvisionalDeadlineRecomputedEvent;
import cn.daiban.kernel.delegation.SupplementReceivedEvent;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
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

    /**
     * Open delegations whose provisional promised date reaches into {@code year} or beyond, in pages ordered by id
     * (keyset: after {@code afterId}, null for the first page), through the partial index.
     */
    List<DelegationId> provisionalFrom(int year, String afterId, int pageSize) {
        return jdbc.sql("""
                        select delegation_id from delegation_registry
                        where provisional_year is not null and not finished and provisional_year >= ?
                            and delegation_id > ?
                        order by delegation_id limit ?""")
                .params(year, afterId == null ? "" : afterId, pageSize)
                .query(String.class)
                .list()
                .stream()
                .map(DelegationId::of)
                .toList();
    }

    @EventHandler
    void on(DelegationCommissionedEvent event) {
        jdbc.sql("""
                        insert into delegation_registry (delegation_id, station_code, finished, provisional_year)
                        values (?, ?, false, ?)
                        on conflict (delegation_id) do nothing""")
                .params(event.delegationId().value(), event.stationCode().value(),
                        event.isDeadlineProvisional() ? event.deadline().getYear() : null)
                .update();
    }

    /**
     * Recomputed on a loaded year: no longer provisional, or (two years ahead) provisional in the year it reaches now.
     * Assumption: a pause that moves a provisional date on keeps the year it was commissioned with; the year only
     * grows, and the look-up asks for that year or beyond, so such a delegation is still found.
     */
    @EventHandler
    void on(ProvisionalDeadlineRecomputedEvent event) {
        jdbc.sql("update delegation_registry set provisional_year = ? where delegation_id = ?")
                .params(event.stillProvisional() ? event.newDeadline().getYear() : null, event.delegationId().value())
                .update();
    }

    /**
     * A pause that moved the date into a year not loaded (materials received or the matter resumed, after a firm
     * date): from now on it is found when that year is loaded, as a date provisional from commissioning is. A move
     * onto loaded years changes nothing here.
     */
    @EventHandler
    void on(SupplementReceivedEvent event) {
        if (event.isDeadlineProvisional()) {
            provisionalIn(event.delegationId().value(), event.deadline().getYear());
        }
    }

    @EventHandler
    void on(DelegationResumedEvent event) {
        if (event.isDeadlineProvisional()) {
            provisionalIn(event.delegationId().value(), event.deadline().getYear());
        }
    }

    private void provisionalIn(String delegationId, int year) {
        jdbc.sql("update delegation_registry set provisional_year = ? where delegation_id = ?")
                .params(year, delegationId)
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

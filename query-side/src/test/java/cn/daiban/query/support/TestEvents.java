package cn.daiban.query.support;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Events the query side's tests append, built once. */
public final class TestEvents {

    public static final PhoneNumber CLIENT_PHONE = PhoneNumber.of("13912345678");

    private TestEvents() {
    }

    /**
     * Appends an assist commissioned at {@code station} through the application's {@code store}; answers the store's
     * head after it (its global index). The client has no phone, so no text message is due: nothing is left for the
     * notification tests that may run after the caller (their sender fails the first acceptance message it is given,
     * whoever's).
     */
    public static long appendCommissioning(EventStore store, StationCode station) {
        DelegationId id = DelegationId.create();
        store.publish(new GenericDomainEventMessage<>("Delegation", id.value(), 0,
                commissioned(id, DelegationKind.ASSIST, station, null, LocalDate.of(2026, 11, 24),
                        LocalDate.of(2026, 12, 1), new Client(ClientKind.CITIZEN, "王秀英", null, null, null, null)),
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1"), UUID.randomUUID().toString(), Instant.now()));
        return store.createHeadToken().position().orElseThrow();
    }

    /** Appends one of a delegation's events, as an agent of {@code station} would have made it. */
    public static void appendToDelegation(EventStore store, StationCode station, DelegationId id, long sequence,
                                          Object payload) {
        store.publish(new GenericDomainEventMessage<>("Delegation", id.value(), sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "agent-1").and(MetadataKeys.STATION_CODE, station.value()),
                UUID.randomUUID().toString(), Instant.now()));
    }

    /**
     * A pension registration (RS-001, 5 working days) commissioned on site at {@code station} for 王秀英, reachable
     * at {@link #CLIENT_PHONE}; {@code form} is the acceptance-form number of a proxy, {@code null} for an assist.
     */
    public static DelegationCommissionedEvent commissioned(DelegationId id, DelegationKind kind, StationCode station,
                                                           AcceptanceFormNumber form, LocalDate on, LocalDate deadline) {
        return commissioned(id, kind, station, form, on, deadline,
                new Client(ClientKind.CITIZEN, "王秀英", null, null, CLIENT_PHONE, null));
    }

    /** The same pension registration for {@code client} (one without a phone is sent no text message). */
    public static DelegationCommissionedEvent commissioned(DelegationId id, DelegationKind kind, StationCode station,
                                                           AcceptanceFormNumber form, LocalDate on, LocalDate deadline,
                                                           Client client) {
        return new DelegationCommissionedEvent(id, kind, ServiceMode.ON_SITE, station, null, AgentId.create(),
                ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION),
                List.of(), client, form, null, List.of(),
                List.of(), null, true, List.of(), "0356-7022345", false, false, on, 5, deadline, null, null,
                null, null, null, null, null, null, null, null);
    }
}

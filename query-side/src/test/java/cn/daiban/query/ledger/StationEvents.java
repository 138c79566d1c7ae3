package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The events of one test station, appended straight to the event store as the command side would write them: each
 * aggregate's next sequence number kept (across a class's tests, which share the station), the station and its agent
 * in the metadata. Matters are commissioned at window W1 of a county centre, item RS-001, for one citizen.
 */
final class StationEvents {

    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", null, null, PhoneNumber.of("13912345678"), null);

    private final String station;
    private final AgentId agent;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();

    StationEvents(String station, AgentId agent) {
        this.station = station;
        this.agent = agent;
    }

    void append(EventStore store, String type, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, agent.value(), MetadataKeys.STATION_CODE, station),
                UUID.randomUUID().toString(), at));
    }

    /** A matter of {@code kind} commissioned at {@code at}. */
    DelegationId commissioned(EventStore store, DelegationKind kind, Instant at) {
        return commissioned(store, kind, at, null);
    }

    /** A matter of {@code kind} commissioned at {@code at}, re-applying {@code previous} (or not: null). */
    DelegationId commissioned(EventStore store, DelegationKind kind, Instant at, DelegationId previous) {
        DelegationId id = DelegationId.create();
        LocalDate day = ServiceClock.defaults().dayOf(at);
        append(store, "Delegation", id.value(), new DelegationCommissionedEvent(id, kind, ServiceMode.ON_SITE,
                StationCode.of(station), "W1", agent, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.COUNTY_CENTRE), List.of(), CLIENT, null, null, List.of(), List.of(), null, true,
                List.of(), "0356-7022345", false, false, day, 60, day.plusDays(90), null, previous), at);
        return id;
    }

    /**
     * The station opened at {@code at}: a centre of {@code level} named 县政务服务中心 and its code, below
     * {@code parent} (or none), with one window W1, approved at once.
     */
    void opened(EventStore store, StationLevel level, String parent, Instant at) {
        append(store, "Station", station, new StationOpeningRequestedEvent(StationCode.of(station), "县政务服务中心 " + station,
                level, parent == null ? null : StationCode.of(parent), null, RegionCode.of("142200"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"),
                List.of(new StationWindow("W1", "综合窗口", StationWindow.Kind.WINDOW, null)), Set.of()), at);
        append(store, "Station", station, new StationOpeningApprovedEvent(StationCode.of(station), null, null), at);
    }

    /** The matters of a flag list ({@code /api/supervision/flags}, a dashboard's list) naming {@code rule}; all: null. */
    static List<String> flagged(JsonNode flags, String rule) {
        List<String> ids = new ArrayList<>();
        flags.forEach(flag -> {
            if (rule == null || rule.equals(flag.path("rule").asText())) {
                ids.add(flag.get("delegationId").asText());
            }
        });
        return ids;
    }

    /** Whether the station's own events were appended yet (its opening, once for a class's tests). */
    boolean stationOpened() {
        return sequences.containsKey(station);
    }

    /** The one {@code update} statement of a migration (its backfill), without comments. */
    static String backfillOf(String migration) {
        try {
            String text = new String(new ClassPathResource("db/migration/" + migration).getInputStream()
                    .readAllBytes(), StandardCharsets.UTF_8);
            String withoutComments = text.lines().filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n"));
            List<String> updates = Arrays.stream(withoutComments.split(";")).map(String::strip)
                    .filter(statement -> statement.startsWith("update")).toList();
            if (updates.size() != 1) {
                throw new IllegalStateException(migration + " holds " + updates.size() + " update statements");
            }
            return updates.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

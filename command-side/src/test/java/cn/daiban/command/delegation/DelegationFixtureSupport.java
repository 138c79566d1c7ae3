package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.stream.Collectors;
import cn.daiban.command.clientcategory.ClientCategories;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * The delegation's fixture on the 2026 calendar: three open stations (village, township, county), agents of the
 * village (a novice among them), three published items, and the look-ups a test may change before it runs.
 * "Today" is Tuesday 2026-11-24, 10:00 in Shanghai unless a test says otherwise ({@link DelegationMessages#NOW}).
 */
abstract class DelegationFixtureSupport {

    final Map<StationCode, StationRegistry.RegisteredStation> stations = new HashMap<>();
    final Map<AgentId, AgentRegistry.RegisteredAgent> agents = new HashMap<>();
    final Map<ServiceItemCode, ServiceItemCatalog.PublishedServiceItem> items = new HashMap<>();
    /** The client-category list (002 服务对象) as seeded; a test may add to it. */
    final Set<String> clientCategories = new HashSet<>(Set.of("KEY_ENTERPRISE_PROJECT", "TALENT_CARD", "DISABLED",
            "ELDERLY", "PREGNANT", "MILITARY", "INSPECTION_ISSUE", "COMPLAINT_SPECIAL_CASE"));
    private final AtomicInteger formSequence = new AtomicInteger();
    /** How earlier matters ended, for re-applications that name them (001 §6.4.2); none known unless a test adds. */
    final Map<DelegationId, EarlierMatters.Outcome> earlierMatters = new HashMap<>();
    /** The calendar as loaded (2026 unless a test loads more); read when a command runs. */
    CalendarProvider calendars = TestCalendar::year2026;

    @BeforeEach
    void setUp() {
        stations.put(VILLAGE, station(VILLAGE, StationLevel.VILLAGE_STATION, StationStatus.OPEN));
        stations.put(TOWNSHIP, station(TOWNSHIP, StationLevel.TOWNSHIP_CENTRE, StationStatus.OPEN));
        stations.put(COUNTY, station(COUNTY, StationLevel.COUNTY_CENTRE, StationStatus.OPEN));
        agents.put(AGENT, agent(AGENT, VILLAGE, AgentRole.AGENT, true, true));
        agents.put(OTHER_AGENT, agent(OTHER_AGENT, VILLAGE, AgentRole.AGENT, true, true));
        agents.put(LEADER, agent(LEADER, VILLAGE, AgentRole.ZONE_LEAD, true, true));
        agents.put(NOVICE, agent(NOVICE, VILLAGE, AgentRole.AGENT, true, false));
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 2, PENSION_ITEM, false));
        items.put(REAL_ESTATE, new ServiceItemCatalog.PublishedServiceItem(REAL_ESTATE, 1, REAL_ESTATE_ITEM, false));
        items.put(ID_CARD, new ServiceItemCatalog.PublishedServiceItem(ID_CARD, 1, ID_CARD_ITEM, false));
    }

    /** A fresh fixture per scenario (its deadline manager keeps what earlier scenarios scheduled). */
    AggregateTestFixture<Delegation> fixture() {
        AggregateTestFixture<Delegation> fixture = new AggregateTestFixture<>(Delegation.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.ofNullable(stations.get(code)));
        fixture.registerInjectableResource((AgentRegistry) id -> Optional.ofNullable(agents.get(id)));
        fixture.registerInjectableResource((ServiceItemCatalog) code -> Optional.ofNullable(items.get(code)));
        fixture.registerInjectableResource((CalendarProvider) () -> calendars.current());
        fixture.registerInjectableResource((AcceptanceFormNumbers) (station, day) ->
                AcceptanceFormNumber.of(station, day, formSequence.incrementAndGet()));
        fixture.registerInjectableResource(DelegationPolicy.defaults());
        fixture.registerInjectableResource((ClientCategories) codes -> codes.stream()
                .filter(code -> !clientCategories.contains(code.value())).collect(Collectors.toSet()));
        fixture.registerInjectableResource(BackdatingPolicy.defaults());
        fixture.registerInjectableResource((EarlierMatters) id -> Optional.ofNullable(earlierMatters.get(id)));
        return fixture;
    }

    static StationRegistry.RegisteredStation station(StationCode code, StationLevel level, StationStatus status) {
        return station(code, level, status, null);
    }

    /** A station reporting to {@code parent} (null: none recorded). */
    static StationRegistry.RegisteredStation station(StationCode code, StationLevel level, StationStatus status,
                                                     StationCode parent) {
        return new StationRegistry.RegisteredStation(code, "站 " + code, level, status, parent, "0356-7021234",
                Set.of("RS-001", "ZR-001", "GA-001"), RegionCode.of(code.value().substring(0, 6)),
                Set.of("W1", "Z1", "Z2"));
    }

    static AgentRegistry.RegisteredAgent agent(AgentId id, StationCode station, AgentRole role, boolean active,
                                               boolean qualified) {
        return new AgentRegistry.RegisteredAgent(id, station, "代办员" + id.value().substring(9, 13), role, active,
                qualified, qualified ? LocalDate.of(2025, 3, 1) : null);
    }
}

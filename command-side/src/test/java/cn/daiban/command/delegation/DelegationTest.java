package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.matches;

/**
 * The rules of a delegation, one behaviour per test, on the 2026 calendar. "Today" is Tuesday 2026-11-24,
 * 10:00 in Shanghai unless a test says otherwise.
 */
class DelegationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = LocalDate.of(2026, 11, 24).atTime(10, 0).atZone(SHANGHAI).toInstant();
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final StationCode TOWNSHIP = StationCode.of("140521101");
    static final StationCode COUNTY = StationCode.of("140521000");
    static final AgentId AGENT = AgentId.of("6a1f0c2e-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final AgentId OTHER_AGENT = AgentId.of("6a1f0c2e-2222-4c3b-9a57-0d5f1e2a3b4c");
    static final AgentId LEADER = AgentId.of("6a1f0c2e-3333-4c3b-9a57-0d5f1e2a3b4c");
    static final AgentId NOVICE = AgentId.of("6a1f0c2e-4444-4c3b-9a57-0d5f1e2a3b4c");
    static final ServiceItemCode PENSION = ServiceItemCode.of("RS-001");
    static final ServiceItemCode REAL_ESTATE = ServiceItemCode.of("ZR-001");
    static final ServiceItemCode ID_CARD = ServiceItemCode.of("GA-001");
    static final DelegationId ID = DelegationId.of("0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d");
    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", ResidentId.of("11010519491231002X"),
            null, PhoneNumber.of("13912345678"), null);
    static final NeedsAnalysis ANALYSIS = new NeedsAnalysis(Difficulty.MEDIUM, 5, List.of("核对材料", "网上申报", "领取结果"), true);
    static final AcceptanceFormNumber FORM = AcceptanceFormNumber.of(VILLAGE, TODAY, 1);

    static final ServiceItemDefinition PENSION_ITEM = new ServiceItemDefinition("城乡居民养老保险参保登记", "人社",
            Set.of(StationLevel.VILLAGE_STATION, StationLevel.TOWNSHIP_CENTRE, StationLevel.COUNTY_CENTRE),
            List.of(new RequiredMaterial("居民身份证", "本人携带", true),
                    new RequiredMaterial("户口簿", "本人携带", false)),
            5, List.of(), false, true);
    static final ServiceItemDefinition REAL_ESTATE_ITEM = new ServiceItemDefinition("不动产登记", "自然资源",
            Set.of(StationLevel.COUNTY_CENTRE),
            List.of(new RequiredMaterial("不动产权属来源证明", "原登记机构出具", true)),
            10, List.of(new StatutoryFee("不动产登记费", 8000, "发改价格规〔2016〕2559号", "沁水县不动产登记中心")),
            false, false);
    static final ServiceItemDefinition ID_CARD_ITEM = new ServiceItemDefinition("居民身份证换领", "公安",
            Set.of(StationLevel.COUNTY_CENTRE), List.of(new RequiredMaterial("原身份证", "本人携带", true)),
            20, List.of(), true, false);

    private final Map<StationCode, StationRegistry.RegisteredStation> stations = new HashMap<>();
    private final Map<AgentId, AgentRegistry.RegisteredAgent> agents = new HashMap<>();
    private final Map<ServiceItemCode, ServiceItemCatalog.PublishedServiceItem> items = new HashMap<>();
    private final AtomicInteger formSequence = new AtomicInteger();

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
    private AggregateTestFixture<Delegation> fixture() {
        AggregateTestFixture<Delegation> fixture = new AggregateTestFixture<>(Delegation.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.ofNullable(stations.get(code)));
        fixture.registerInjectableResource((AgentRegistry) id -> Optional.ofNullable(agents.get(id)));
        fixture.registerInjectableResource((ServiceItemCatalog) code -> Optional.ofNullable(items.get(code)));
        fixture.registerInjectableResource((CalendarProvider) TestCalendar::year2026);
        fixture.registerInjectableResource((AcceptanceFormNumbers) (station, day) ->
                AcceptanceFormNumber.of(station, day, formSequence.incrementAndGet()));
        fixture.registerInjectableResource(DelegationPolicy.defaults());
        return fixture;
    }

    static StationRegistry.RegisteredStation station(StationCode code, StationLevel level, StationStatus status) {
        return new StationRegistry.RegisteredStation(code, "站 " + code, level, status, null, "0356-7021234",
                Set.of("RS-001", "ZR-001", "GA-001"), RegionCode.of(code.value().substring(0, 6)),
                Set.of("W1", "Z1", "Z2"));
    }

    static AgentRegistry.RegisteredAgent agent(AgentId id, StationCode station, AgentRole role, boolean active,
                                               boolean qualified) {
        return new AgentRegistry.RegisteredAgent(id, station, "代办员" + id.value().substring(9, 13), role, active,
                qualified, qualified ? LocalDate.of(2025, 3, 1) : null);
    }

    static CommissionDelegationCommand proxy(ServiceItemCode item) {
        return new CommissionDelegationCommand(ID, DelegationKind.PROXY, ServiceMode.ON_SITE, VILLAGE, "W1", AGENT,
                item, CLIENT, true, null, ANALYSIS, List.of(), List.of(), LEADER, true, List.of("请保持电话畅通"),
                false, null, null);
    }

    static CommissionDelegationCommand assist(ServiceItemCode item) {
        return new CommissionDelegationCommand(ID, DelegationKind.ASSIST, ServiceMode.ON_SITE, VILLAGE, "W1", AGENT,
                item, CLIENT, true, null, null, List.of(), List.of(), null, false, List.of(), false, null, null);
    }

    static DelegationCommissionedEvent pensionProxyCommissioned() {
        return new DelegationCommissionedEvent(ID, DelegationKind.PROXY, ServiceMode.ON_SITE, VILLAGE, "W1", AGENT,
                PENSION, 2, PENSION_ITEM.name(), "人社", PENSION_ITEM.authorityLevels(), List.of(), CLIENT, FORM,
                ANALYSIS, List.of(), List.of(), LEADER, true, List.of("请保持电话畅通"), "0356-7021234", false, false,
                TODAY, 5, LocalDate.of(2026, 12, 1), null, null);
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    // ------------------------------------------------------------------------------------------ commissioning

    @Test
    void proxyIsCommissionedWithAnAcceptanceFormAndADeadlineOnTheWorkingDayCalendar() {
        fixture().givenCurrentTime(NOW)
                .when(proxy(PENSION))
                .expectEvents(pensionProxyCommissioned())
                .expectResultMessagePayload(0L)
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 30), 0), Delegation.WARNING)
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 12, 2), 0), Delegation.OVERDUE);
    }

    @Test
    void deadlineSpanningTheSpringFestivalSkipsTheHolidayAndCountsTheWorkingSaturday() {
        // Thu 12 Feb + 5 working days: Fri 13, Sat 14 (调休上班), [15–23 off], Tue 24, Wed 25, Thu 26.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 2, 12), 9))
                .when(assist(PENSION))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 2, 26)))), andNoMore()));
    }

    @Test
    void onlyAnOpenStationTakesDelegations() {
        stations.put(VILLAGE, station(VILLAGE, StationLevel.VILLAGE_STATION, StationStatus.CLOSED));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION))
                .expectException(refusedBy("station-open", "stationCode")).expectNoEvents();
    }

    @Test
    void agentMustBeQualified() {
        CommissionDelegationCommand c = proxy(PENSION);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, NOVICE, PENSION, CLIENT,
                        true, null, ANALYSIS, List.of(), List.of(), LEADER, true, List.of(), false, null, null))
                .expectException(refusedBy("agent-qualified", "agentId")).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("not qualified")).expectNoEvents();
    }

    @Test
    void agentMustBeActiveAndOfTheStation() {
        agents.put(AGENT, agent(AGENT, TOWNSHIP, AgentRole.AGENT, true, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("agent-of-station", "agentId")).expectNoEvents();
        agents.put(AGENT, agent(AGENT, VILLAGE, AgentRole.AGENT, false, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("agent-active", "agentId")).expectNoEvents();
    }

    @Test
    void itemMustBePublishedAndOfferedByTheStation() {
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 3, PENSION_ITEM, true));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("item-published", "itemCode")).expectNoEvents();
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 2, PENSION_ITEM, false));
        stations.put(VILLAGE, new StationRegistry.RegisteredStation(VILLAGE, "村站", StationLevel.VILLAGE_STATION,
                StationStatus.OPEN, TOWNSHIP, "0356-7021234", Set.of("ZR-001")));
        fixture().givenCurrentTime(NOW).when(proxy(PENSION)).expectException(refusedBy("item-offered", "itemCode")).expectNoEvents();
    }

    @Test
    void commissioningNeedsTheClientsConsent() {
        CommissionDelegationCommand c = assist(PENSION);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, CLIENT,
                        false, null, null, List.of(), List.of(), null, false, List.of(), false, null, null))
                .expectException(refusedBy("client-consent", "consentGiven")).expectNoEvents();
    }

    @Test
    void proxyOfPrivacyItemIsRefused() {
        fixture().givenCurrentTime(NOW).when(proxy(ID_CARD))
                .expectException(refusedBy("privacy-item-not-proxied", "kind"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("privacy"))
                .expectNoEvents();
    }

    @Test
    void privacyItemMayStillBeAssisted() {
        fixture().givenCurrentTime(NOW).when(assist(ID_CARD)).expectSuccessfulHandlerExecution();
    }

    @Test
    void proxyNeedsResidentIdAndPhone() {
        Client anonymous = new Client(ClientKind.CITIZEN, "王秀英", null, null, PhoneNumber.of("13912345678"), null);
        CommissionDelegationCommand c = proxy(PENSION);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, anonymous,
                        true, null, ANALYSIS, List.of(), List.of(), LEADER, true, List.of(), false, null, null))
                .expectException(refusedBy("proxy-client-identified", "client.residentId")).expectNoEvents();
    }

    @Test
    void proxyNeedsAConfirmedNeedsAnalysisAndTheTeamLeadersSignOff() {
        NeedsAnalysis unconfirmed = new NeedsAnalysis(Difficulty.LOW, 3, List.of("代为申报"), false);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, DelegationKind.PROXY, ServiceMode.ON_SITE, VILLAGE, null,
                        AGENT, PENSION, CLIENT, true, null, unconfirmed, List.of(), List.of(), LEADER, true, List.of(),
                        false, null, null))
                .expectException(refusedBy("needs-analysis-confirmed", "needsAnalysis")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, DelegationKind.PROXY, ServiceMode.ON_SITE, VILLAGE, null,
                        AGENT, PENSION, CLIENT, true, null, ANALYSIS, List.of(), List.of(), OTHER_AGENT, true,
                        List.of(), false, null, null))
                .expectException(refusedBy("team-leader-sign-off", "teamLeaderId")).expectNoEvents();
    }

    @Test
    void promisedLimitMayBeShorterThanPublishedButNeverLonger() {
        CommissionDelegationCommand c = assist(PENSION);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, CLIENT,
                        true, 6, null, List.of(), List.of(), null, false, List.of(), false, null, null))
                .expectException(refusedBy("published-limit", "promisedWorkingDays")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, CLIENT,
                        true, 2, null, List.of(), List.of(), null, false, List.of(), false, null, null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 11, 26)))), andNoMore()));
    }

    @Test
    void onlyNonEssentialMaterialsMayBeToleratedMissing() {
        CommissionDelegationCommand c = assist(PENSION);
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, CLIENT,
                        true, null, null, List.of(new ToleratedGap("居民身份证", TODAY.plusDays(3))), List.of(), null,
                        false, List.of(), false, null, null))
                .expectException(refusedBy("tolerated-material-non-essential", "toleratedGaps")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION, CLIENT,
                        true, null, null, List.of(new ToleratedGap("户口簿", TODAY.plusDays(3))), List.of(), null,
                        false, List.of(), false, null, null))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadlineWithName(at(TODAY.plusDays(4), 0), Delegation.TOLERATED_DUE);
    }

    @Test
    void toleratedMaterialPastItsCommittedDateIsFollowedUp() {
        CommissionDelegationCommand c = assist(PENSION);
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null, AGENT, PENSION,
                        CLIENT, true, null, null, List.of(new ToleratedGap("户口簿", TODAY.plusDays(1))), List.of(), null,
                        false, List.of(), false, null, null))
                .whenTimeAdvancesTo(at(TODAY.plusDays(2), 1))
                .expectEvents(new ToleratedMaterialOverdueEvent(ID, "户口簿", TODAY.plusDays(1)));
    }

    @Test
    void commissioningOnAHolidayIsAllowedForSpecialHandling() {
        // Sunday 4 October 2026, in the National Day holiday: the calendar never blocks an action. Counting
        // starts after the holiday: Thu 8, Fri 9, Sat 10 (调休上班), Mon 12, Tue 13.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 10, 4), 9))
                .when(assist(PENSION))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCommissionedEvent) event).deadline().equals(LocalDate.of(2026, 10, 13)))), andNoMore()));
    }

    @Test
    void declinedIntakeIsRecordedWithItsReason() {
        fixture().givenCurrentTime(NOW)
                .when(new DeclineDelegationCommand(ID, DelegationKind.PROXY, VILLAGE, AGENT, PENSION, CLIENT, "已参保，无需重复登记"))
                .expectEvents(new DelegationDeclinedEvent(ID, DelegationKind.PROXY, VILLAGE, AGENT, PENSION,
                        PENSION_ITEM.name(), CLIENT, "已参保，无需重复登记", TODAY));
    }

    // --------------------------------------------------------------------------------------------- handling

    @Test
    void reassignmentNeedsAReasonAndTheClientInformed() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReassignAgentCommand(ID, OTHER_AGENT, "原代办员病假", false))
                .expectException(refusedBy("client-informed-of-reassignment", "clientInformed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new ReassignAgentCommand(ID, OTHER_AGENT, "原代办员病假", true))
                .expectEvents(new AgentReassignedEvent(ID, AGENT, OTHER_AGENT, "原代办员病假"));
    }

    static final List<MissingMaterial> MISSING = List.of(new MissingMaterial("户口簿", "户籍所在地派出所"),
            new MissingMaterial("银行卡复印件", "社保合作银行网点"));

    @Test
    void allMissingMaterialsAreRequestedAtOnceAndTheClockStops() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .expectEvents(new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 26), null, false))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 27), 0), Delegation.SUPPLEMENT_DUE);
    }

    @Test
    void secondSupplementRequestNeedsAJustificationAndIsFlaggedAsABreach() {
        var first = new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 26), null, false);
        var received = new SupplementReceivedEvent(ID, 1, TODAY, 0, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1));
        List<MissingMaterial> more = List.of(new MissingMaterial("村委会证明", "村委会开具"));
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(), first, received)
                .when(new RequestSupplementCommand(ID, more, LocalDate.of(2026, 11, 30), null))
                .expectException(refusedBy("one-time-notice", "justification")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned(), first, received)
                .when(new RequestSupplementCommand(ID, more, LocalDate.of(2026, 11, 30), "上级审核新增要求"))
                .expectEvents(new SupplementRequestedEvent(ID, 2, more, TODAY, LocalDate.of(2026, 11, 30),
                        "上级审核新增要求", true));
    }

    @Test
    void receivedMaterialsMoveTheDeadlineOutByTheWorkingDaysWaited() {
        // Requested Tue 24, received Fri 27: 3 working days; Tue 1 Dec + 3 → Fri 4 Dec.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 11, 27), 15))
                .andGiven(pensionProxyCommissioned(),
                        new SupplementRequestedEvent(ID, 1, MISSING, TODAY, LocalDate.of(2026, 11, 30), null, false))
                .when(new ReceiveSupplementCommand(ID, null))
                .expectEvents(new SupplementReceivedEvent(ID, 1, LocalDate.of(2026, 11, 27), 3,
                        LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4)))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 12, 5), 0), Delegation.OVERDUE);
    }

    @Test
    void overdueMaterialsGetOneReminderThenSuspendTheDelegation() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 27), 1))
                .expectEvents(new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30)));
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 11, 26), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 1), 1))
                .expectEvents(
                        new SupplementReminderSentEvent(ID, 1, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 30)),
                        new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    }

    @Test
    void suspensionPastItsContinuationDeadlineTerminates() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 25), 1))
                .expectEvents(new DelegationTerminatedEvent(ID, TerminationReason.CONTINUATION_DEADLINE_PASSED,
                        "续办期限 2026-12-24 已过", LocalDate.of(2026, 12, 25)));
    }

    @Test
    void resumingMovesTheDeadlineOutByTheSuspendedWorkingDays() {
        // Suspended Tue 24 Nov, resumed Thu 3 Dec: 7 working days; Tue 1 Dec + 7 → Thu 10 Dec.
        fixture().givenCurrentTime(at(LocalDate.of(2026, 12, 3), 9))
                .andGiven(pensionProxyCommissioned(), new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST,
                        null, TODAY, LocalDate.of(2026, 12, 24)))
                .when(new ResumeDelegationCommand(ID, null))
                .expectEvents(new DelegationResumedEvent(ID, LocalDate.of(2026, 12, 3), 7, LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 12, 10)));
    }

    @Test
    void materialsOverdueIsNotAManualSuspensionReason() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .when(new SuspendDelegationCommand(ID, SuspensionReason.MATERIALS_OVERDUE, null))
                .expectException(refusedBy("materials-overdue-is-automatic", "reason")).expectNoEvents();
    }

    @Test
    void warningFiresBeforeTheDeadlineAndOverdueAtIt() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 8))
                .expectEvents(new DeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1), 1),
                        new DelegationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void noOverdueWhileWaitingForMaterials() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(proxy(PENSION), new RequestSupplementCommand(ID, MISSING, LocalDate.of(2026, 12, 20), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 3), 8))
                .expectNoEvents();
    }

    @Test
    void parallelMatterCompletesOnlyWhenEveryDepartmentIsDone() {
        CommissionDelegationCommand c = assist(PENSION);
        CommissionDelegationCommand parallel = new CommissionDelegationCommand(ID, c.kind(), c.mode(), VILLAGE, null,
                AGENT, PENSION, CLIENT, true, null, null, List.of(), List.of("人社", "医保"), null, false, List.of(),
                false, null, null);
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(parallel, new RecordParallelTaskCompletedCommand(ID, "人社", true, null))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectException(refusedBy("parallel-tasks-done")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(parallel, new RecordParallelTaskCompletedCommand(ID, "人社", true, null),
                        new RecordParallelTaskCompletedCommand(ID, "医保", true, null))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectSuccessfulHandlerExecution();
    }

    // --------------------------------------------------------------------------------------------- transfer

    @Test
    void transferGoesToAnotherWindowOrZoneOfTheStation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectEvents(new DelegationTransferredEvent(ID, "W1", "Z2", "分区调整"));
    }

    @Test
    void transferToAWindowTheStationDoesNotHaveIsRefused() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z9", "分区调整"))
                .expectException(refusedBy("window-of-station", "toWindow"))
                .expectNoEvents();
    }

    @Test
    void transferFollowsTheStationsApprovedWindows() {
        // The station's windows as the look-up holds them now (after an approved change), not at commissioning.
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectSuccessfulHandlerExecution();
        StationRegistry.RegisteredStation village = stations.get(VILLAGE);
        stations.put(VILLAGE, new StationRegistry.RegisteredStation(VILLAGE, village.name(), village.level(),
                village.status(), village.parentCode(), village.supervisionPhone(), village.serviceItemCodes(),
                village.region(), Set.of("W1", "Z1")));
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new TransferDelegationCommand(ID, "Z2", "分区调整"))
                .expectException(refusedBy("window-of-station", "toWindow"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------------------------------- escalation

    @Test
    void matterTheStationsOwnLevelMayDecideIsNotEscalated() {
        // 城乡居民养老保险参保登记 is decided at village level too: the village completes it itself.
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .expectException(refusedBy("escalate-only-outside-authority"))
                .expectNoEvents();
    }

    static CommissionDelegationCommand realEstateProxy() {
        return proxy(REAL_ESTATE);
    }

    @Test
    void matterOutsideTheStationsAuthorityIsFlaggedAndMustBeForwardedInTime() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectEvents(new EscalationHopOverdueEvent(ID, 0, VILLAGE, LocalDate.of(2026, 11, 27)));
    }

    @Test
    void escalationGoesOnlyToALevelWithAuthority() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, TOWNSHIP, List.of("scan-001.pdf"), null))
                .expectException(refusedBy("escalate-to-authority", "targetStationCode")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), "材料已扫描上传"))
                .expectEvents(new DelegationEscalatedEvent(ID, 1, VILLAGE, COUNTY, List.of("scan-001.pdf"), "材料已扫描上传",
                        TODAY, LocalDate.of(2026, 12, 7)));
    }

    @Test
    void matterOutsideAuthorityCompletesOnlyWithAnApprovalReturnedFromAbove() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectException(refusedBy("authority", "successful")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                        new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                        new ReturnResultCommand(ID, 1),
                        new NotifyStatutoryFeeCommand(ID, "不动产登记费"),
                        new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-2026-000123"))
                .when(new CompleteDelegationCommand(ID, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationCompletedEvent) event).onTime())), andNoMore()));
    }

    @Test
    void stalledUpperLevelHopIsFlaggedBeforeTheMatterIsLate() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 8), 1))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(matches(event -> event instanceof DeadlineApproachingEvent)),
                        messageWithPayload(matches(event -> event.equals(
                                new EscalationHopOverdueEvent(ID, 1, COUNTY, LocalDate.of(2026, 12, 7))))),
                        andNoMore()));
    }

    // ------------------------------------------------------------------------------------------------- fees

    @Test
    void onlyStatutoryFeesOfTheItemCanBeRecordedTheServiceIsFree() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new NotifyStatutoryFeeCommand(ID, "代办服务费"))
                .expectException(refusedBy("service-is-free", "feeName")).expectNoEvents();
    }

    @Test
    void feeIsToldBeforeItIsPaidAndThePaymentNeedsTheStatutoryAmount() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .expectException(refusedBy("fee-told-before-paid", "feeName")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), new NotifyStatutoryFeeCommand(ID, "不动产登记费"))
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 9000, "FP-1"))
                .expectException(refusedBy("statutory-amount", "amountFen")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), new NotifyStatutoryFeeCommand(ID, "不动产登记费"))
                .when(new RecordFeePaymentCommand(ID, "不动产登记费", 8000, "FP-1"))
                .expectEvents(new StatutoryFeePaidEvent(ID, "不动产登记费", 8000, "发改价格规〔2016〕2559号",
                        "沁水县不动产登记中心", "FP-1"));
    }

    // ------------------------------------------------------------------------ completion to archive, in order

    static final CompleteDelegationCommand COMPLETE = new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null);
    static final DeliverResultCommand POST = new DeliverResultCommand(ID, DeliveryMethod.POST, "EMS1234567890",
            "邮政签收回执", false);
    static final EvaluateDelegationCommand SATISFIED = new EvaluateDelegationCommand(ID, SatisfactionGrade.SATISFIED,
            SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
            EvaluationChannel.PHONE_FOLLOW_UP, "办得快");
    static final ArchiveDelegationCommand ARCHIVE = new ArchiveDelegationCommand(ID, "DA-2026-0001",
            List.of("受理单", "一次性告知单", "办结单"));

    @Test
    void completionDeliveryEvaluationAndArchiveHappenInThatOrder() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(POST).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(SATISFIED).expectException(refusedBy("delegation-status")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(ARCHIVE).expectException(refusedBy("evaluation-before-archive")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(ARCHIVE).expectEvents(new DelegationArchivedEvent(ID, "DA-2026-0001",
                        List.of("受理单", "一次性告知单", "办结单"), TODAY));
    }

    @Test
    void postingIsFreeToTheClientAndTheClientIsInvitedToEvaluate() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(POST)
                .expectEvents(new ResultDeliveredEvent(ID, DeliveryMethod.POST, "EMS1234567890", "邮政签收回执", false,
                        true, TODAY, TODAY))
                .expectScheduledDeadlineWithName(at(LocalDate.of(2026, 11, 28), 0), Delegation.EVALUATION_REMINDER);
    }

    @Test
    void clientIsRemindedOnceWhenNoGradeArrivesWithinThreeDays() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .whenTimeElapses(Duration.ofDays(5))
                .expectEvents(new EvaluationReminderSentEvent(ID, TODAY));
    }

    @Test
    void oneEvaluationPerMatter() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED)
                .when(SATISFIED).expectException(refusedBy("one-evaluation-per-matter")).expectNoEvents();
    }

    static final EvaluateDelegationCommand POOR = new EvaluateDelegationCommand(ID, SatisfactionGrade.DISSATISFIED,
            SatisfactionGrade.DISSATISFIED, SatisfactionGrade.BASICALLY_SATISFIED, SatisfactionGrade.DISSATISFIED,
            EvaluationChannel.DEVICE, "等了太久");

    @Test
    void poorGradeOpensARectificationDueInFiveWorkingDays() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(POOR)
                .expectEvents(new DelegationEvaluatedEvent(ID, 1, SatisfactionGrade.DISSATISFIED,
                                SatisfactionGrade.DISSATISFIED, SatisfactionGrade.BASICALLY_SATISFIED,
                                SatisfactionGrade.DISSATISFIED, EvaluationChannel.DEVICE, "等了太久", TODAY),
                        new RectificationRequiredEvent(ID, 1, SatisfactionGrade.DISSATISFIED, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void rectificationStartsWithTheFollowUpCallAndBlocksTheArchive() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .when(new CompleteRectificationCommand(ID, "加强培训"))
                .expectException(refusedBy("follow-up-call-first")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .when(ARCHIVE).expectException(refusedBy("rectification-closed")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new RecordRectificationFollowUpCommand(ID, "电话回访，了解等待原因"))
                .when(new CompleteRectificationCommand(ID, "优化预约流程，对代办员开展培训"))
                .expectEvents(new RectificationCompletedEvent(ID, "优化预约流程，对代办员开展培训", TODAY, true));
    }

    @Test
    void lateRectificationIsFlagged() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR)
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 2), 1))
                .expectEvents(new RectificationOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void voidedGradeStaysInTheHistoryAndTheClientMayEvaluateAgain() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new VoidEvaluationCommand(ID, "经申诉复核，系误操作"))
                .when(SATISFIED)
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        ((DelegationEvaluatedEvent) event).evaluationNumber() == 2)), andNoMore()));
    }

    @Test
    void nothingHappensToATerminatedDelegation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), new WithdrawDelegationCommand(ID, "申请人撤回"))
                .when(new ReportProgressCommand(ID, "材料已提交", ProgressChannel.PHONE, null))
                .expectException(refusedBy("delegation-open")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), new WithdrawDelegationCommand(ID, "申请人撤回"))
                .when(COMPLETE).expectException(refusedBy("delegation-status")).expectNoEvents();
    }

    @Test
    void nothingHappensToAnArchivedDelegation() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(new VoidEvaluationCommand(ID, "复核"))
                .expectException(refusedBy("not-archived")).expectNoEvents();
    }

    @Test
    void assistBecomesAProxyWithAnAcceptanceForm() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(new ConvertAssistToProxyCommand(ID, CLIENT, ANALYSIS, LEADER, true, List.of()))
                .expectEvents(new AssistConvertedToProxyEvent(ID, CLIENT, FORM, ANALYSIS, LEADER, true, List.of(),
                        "0356-7021234"));
    }

    @Test
    void deliveryRulesAreCheckedOnTheInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new DeliverResultCommand(ID, DeliveryMethod.POST, null, "回执", false)).hasMessageContaining("trackingNumber");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new DeliverResultCommand(ID, DeliveryMethod.ELECTRONIC_LICENCE, null, "短信", false))
                .hasMessageContaining("licenceInstructionsGiven");
        assertThat(new DeliverResultCommand(ID, DeliveryMethod.ELECTRONIC_LICENCE, null, "短信", true).method())
                .isEqualTo(DeliveryMethod.ELECTRONIC_LICENCE);
    }
}

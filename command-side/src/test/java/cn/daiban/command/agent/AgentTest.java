package cn.daiban.command.agent;

import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.*;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;

class AgentTest {

    static final AgentId ID = AgentId.of("6a1f0c2e-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final StationCode OTHER = StationCode.of("140521101202");
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final PhoneNumber PHONE = PhoneNumber.of("13700001111");

    private final Map<StationCode, StationStatus> stations = new HashMap<>(Map.of(VILLAGE, StationStatus.OPEN,
            OTHER, StationStatus.OPEN));

    private AggregateTestFixture<Agent> fixture() {
        AggregateTestFixture<Agent> fixture = new AggregateTestFixture<>(Agent.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.ofNullable(stations.get(code))
                .map(status -> new StationRegistry.RegisteredStation(code, "站", StationLevel.VILLAGE_STATION, status,
                        null, "0356-7021234", Set.of())));
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    /** The station with its windows known to the look-up: a zone Z1 and a window W1. */
    private AggregateTestFixture<Agent> fixtureWithWindows() {
        AggregateTestFixture<Agent> fixture = new AggregateTestFixture<>(Agent.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.ofNullable(stations.get(code))
                .map(status -> new StationRegistry.RegisteredStation(code, "站", StationLevel.COUNTY_CENTRE, status,
                        null, "0356-7021234", Set.of(), null, Set.of("Z1", "W1"))));
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    @Test
    void aPostAtAWindowTheStationDoesNotHaveIsRefused() {
        fixtureWithWindows().givenCurrentTime(NOW)
                .when(new RegisterAgentCommand(ID, VILLAGE, "赵红", PHONE, AgentBackground.PARTY_MEMBER, AgentRole.AGENT,
                        LocalDate.of(2024, 6, 1), AgentPost.SUB_ZONE, "S9", true))
                .expectException(refusedBy(Agent.POST_WINDOW_AT_STATION, "windowCode")).expectNoEvents();
    }

    @Test
    void anAgentIsRegisteredWithTheirPostAndFullTime() {
        fixtureWithWindows().givenCurrentTime(NOW)
                .when(new RegisterAgentCommand(ID, VILLAGE, "赵红", PHONE, AgentBackground.PARTY_MEMBER, AgentRole.AGENT,
                        LocalDate.of(2024, 6, 1), AgentPost.ZONE, "Z1", true))
                .expectEvents(new AgentRegisteredEvent(ID, VILLAGE, "赵红", PHONE, AgentBackground.PARTY_MEMBER,
                        AgentRole.AGENT, LocalDate.of(2024, 6, 1), AgentPost.ZONE, "Z1", true));
    }

    @Test
    void anAgentRegisteredWithoutAPostIsPostedAtTheStationAndMayBeMadeFullTimeThere() {
        fixtureWithWindows().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new ChangeAgentPostCommand(ID, AgentPost.STATION, null, true, "确定为专职帮办代办员"))
                .expectEvents(new AgentPostChangedEvent(ID, AgentPost.STATION, null, true, "确定为专职帮办代办员"));
    }

    @Test
    void aPostChangeThatChangesNothingIsRefused() {
        fixtureWithWindows().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new ChangeAgentPostCommand(ID, AgentPost.STATION, null, false, "无变化"))
                .expectException(refusedBy(Agent.POST_CHANGES_SOMETHING, "post")).expectNoEvents();
    }

    @Test
    void aPostChangeToAWindowTheStationDoesNotHaveIsRefused() {
        fixtureWithWindows().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new ChangeAgentPostCommand(ID, AgentPost.WINDOW, "W9", true, "调岗"))
                .expectException(refusedBy(Agent.POST_WINDOW_AT_STATION, "windowCode")).expectNoEvents();
    }

    @Test
    void aWindowPostNeedsTheWindowsCodeAndTheStationPostTakesNone() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ChangeAgentPostCommand(ID, AgentPost.ZONE, null, true, "调岗"))
                .isInstanceOf(cn.daiban.kernel.common.InvalidValueException.class).hasMessageContaining("windowCode");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ChangeAgentPostCommand(ID, AgentPost.STATION, "Z1", true, "调岗"))
                .isInstanceOf(cn.daiban.kernel.common.InvalidValueException.class).hasMessageContaining("windowCode");
    }

    static AgentRegisteredEvent registered(LocalDate experienceSince) {
        return new AgentRegisteredEvent(ID, VILLAGE, "赵红", PHONE, AgentBackground.PARTY_MEMBER, AgentRole.AGENT,
                experienceSince);
    }

    @Test
    void agentIsRegisteredAtAnExistingStation() {
        fixture().givenCurrentTime(NOW)
                .when(new RegisterAgentCommand(ID, VILLAGE, "赵红", PHONE, AgentBackground.PARTY_MEMBER, AgentRole.AGENT,
                        LocalDate.of(2024, 6, 1)))
                .expectEvents(registered(LocalDate.of(2024, 6, 1)));
    }

    @Test
    void closedStationTakesNoNewAgents() {
        stations.put(VILLAGE, StationStatus.CLOSED);
        fixture().givenCurrentTime(NOW)
                .when(new RegisterAgentCommand(ID, VILLAGE, "赵红", PHONE, AgentBackground.GRID_WORKER, AgentRole.AGENT,
                        LocalDate.of(2024, 6, 1)))
                .expectException(refusedBy("station-not-closed", "stationCode")).expectNoEvents();
    }

    /** A training the agent attended before the assessment (先培训后上岗). */
    static AgentTrainingRecordedEvent trained(LocalDate on) {
        return new AgentTrainingRecordedEvent(ID, on, "帮办代办业务培训", 4);
    }

    @Test
    void passingTheAssessmentWithAYearOfExperienceQualifies() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), trained(TODAY.minusDays(7)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY, true, "县政务服务中心", null))
                .expectEvents(new AgentAssessmentPassedEvent(ID, TODAY, "县政务服务中心", null),
                        new AgentQualifiedEvent(ID, TODAY));
    }

    /**
     * 003 附件4 二4 (先培训后上岗，培训合格后上岗): no training recorded, or only one after the assessment's date, and a
     * passed assessment is refused by name; a training on the day itself will do; a failed one is recorded anyway.
     */
    @Test
    void passingWithoutATrainingBeforeIsRefused_003_annex4_2_4() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY.minusDays(1), true, "县政务服务中心", null))
                .expectException(refusedBy("trained-before-assessment", "date"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no training is recorded"))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), trained(TODAY))
                .when(new RecordAgentAssessmentCommand(ID, TODAY.minusDays(1), true, "县政务服务中心", null))
                .expectException(refusedBy("trained-before-assessment", "date")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), trained(TODAY),
                        trained(TODAY.minusDays(1)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY.minusDays(1), true, "县政务服务中心", null))
                .expectEvents(new AgentAssessmentPassedEvent(ID, TODAY.minusDays(1), "县政务服务中心", null),
                        new AgentQualifiedEvent(ID, TODAY.minusDays(1)));
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY, false, "县政务服务中心", "未参加培训"))
                .expectEvents(new AgentAssessmentFailedEvent(ID, TODAY, "县政务服务中心", "未参加培训"));
    }

    @Test
    void passingWithLessThanAYearOfExperienceIsRefused() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2026, 3, 1)), trained(TODAY.minusDays(7)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY, true, "县政务服务中心", null))
                .expectException(refusedBy("one-year-intake-experience", "date"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("one year"))
                .expectNoEvents();
    }

    @Test
    void failedAssessmentIsRecordedForSupervision() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new RecordAgentAssessmentCommand(ID, TODAY, false, "县政务服务中心", "政策掌握不足"))
                .expectEvents(new AgentAssessmentFailedEvent(ID, TODAY, "县政务服务中心", "政策掌握不足"));
    }

    @Test
    void trainingsAreRecordedButNotInTheFuture() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new RecordAgentTrainingCommand(ID, LocalDate.of(2026, 5, 10), "帮办代办业务培训", 4))
                .expectEvents(new AgentTrainingRecordedEvent(ID, LocalDate.of(2026, 5, 10), "帮办代办业务培训", 4));
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new RecordAgentTrainingCommand(ID, LocalDate.of(2026, 12, 10), "帮办代办业务培训", 4))
                .expectException(refusedBy("not-in-future", "date")).expectNoEvents();
    }

    @Test
    void deactivatedAgentKeepsItsHistoryButTakesNoTrainingOrAssessment() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), new AgentDeactivatedEvent(ID, "离职"))
                .when(new RecordAgentAssessmentCommand(ID, TODAY, true, "县政务服务中心", null))
                .expectException(refusedBy("agent-active")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), new AgentDeactivatedEvent(ID, "离职"))
                .when(new DeactivateAgentCommand(ID, "again"))
                .expectException(refusedBy("agent-active")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)), new AgentDeactivatedEvent(ID, "离职"))
                .when(new ReactivateAgentCommand(ID, "返岗"))
                .expectEvents(new AgentReactivatedEvent(ID, "返岗"));
    }

    @Test
    void transferGoesToAnotherOpenStation() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new TransferAgentCommand(ID, OTHER, "人员调整"))
                .expectEvents(new AgentTransferredEvent(ID, VILLAGE, OTHER, "人员调整"));
        stations.put(OTHER, StationStatus.APPLIED);
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new TransferAgentCommand(ID, OTHER, "人员调整"))
                .expectException(refusedBy("station-open", "toStationCode")).expectNoEvents();
    }

    @Test
    void roleChangeMustChangeTheRole() {
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new ChangeAgentRoleCommand(ID, AgentRole.ZONE_LEAD, "任命为队长"))
                .expectEvents(new AgentRoleChangedEvent(ID, AgentRole.ZONE_LEAD, "任命为队长"));
        fixture().givenCurrentTime(NOW).andGiven(registered(LocalDate.of(2024, 6, 1)))
                .when(new ChangeAgentRoleCommand(ID, AgentRole.AGENT, "x"))
                .expectException(refusedBy("different-role", "role")).expectNoEvents();
    }
}

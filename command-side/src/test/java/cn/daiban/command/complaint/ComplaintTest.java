package cn.daiban.command.complaint;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.complaint.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;

class ComplaintTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final ComplaintId ID = ComplaintId.of("5c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    static final Instant NOW = TUESDAY.atTime(10, 0).atZone(SHANGHAI).toInstant();

    private AggregateTestFixture<Complaint> fixture() {
        AggregateTestFixture<Complaint> fixture = new AggregateTestFixture<>(Complaint.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.of(new StationRegistry.RegisteredStation(
                code, "村站", StationLevel.VILLAGE_STATION, StationStatus.OPEN, null, "0356-7021234", Set.of())));
        fixture.registerInjectableResource((AgentRegistry) id -> Optional.empty());
        fixture.registerInjectableResource((CalendarProvider) () -> WorkingDayCalendar.of(List.of(
                new CalendarYearData(2026, Set.of(), Set.of(), "test"))));
        fixture.registerInjectableResource(ComplaintPolicy.defaults());
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    static ComplaintReceivedEvent received() {
        return new ComplaintReceivedEvent(ID, VILLAGE, null, null, ComplaintChannel.HOTLINE_12345, "王先生",
                PhoneNumber.of("13812345678"), "代办员态度冷淡", TUESDAY);
    }

    static final ComplaintAcceptedEvent ACCEPTED = new ComplaintAcceptedEvent(ID, TUESDAY, LocalDate.of(2026, 12, 1));

    /** Received since the limit runs from receipt: due five working days later. */
    static ComplaintReceivedEvent receivedWithItsLimit() {
        return new ComplaintReceivedEvent(ID, VILLAGE, null, null, ComplaintChannel.HOTLINE_12345, "王先生",
                PhoneNumber.of("13812345678"), "代办员态度冷淡", TUESDAY, LocalDate.of(2026, 12, 1));
    }

    /** 004 §6.2.3 (投诉及时处理率100%): the five working days run from the complaint's receipt. */
    @Test
    void complaintIsReceivedWithItsFiveWorkingDayLimit() {
        fixture().givenCurrentTime(NOW)
                .when(new FileComplaintCommand(ID, VILLAGE, null, null, ComplaintChannel.HOTLINE_12345, "王先生",
                        PhoneNumber.of("13812345678"), "代办员态度冷淡"))
                .expectEvents(receivedWithItsLimit())
                .expectScheduledDeadlineWithName(LocalDate.of(2026, 12, 2).atStartOfDay(SHANGHAI).toInstant(),
                        Complaint.OVERDUE);
    }

    @Test
    void acceptanceDoesNotMoveTheDayTheComplaintIsDue() {
        fixture().givenCurrentTime(LocalDate.of(2026, 11, 26).atTime(10, 0).atZone(SHANGHAI).toInstant())
                .andGiven(receivedWithItsLimit())
                .when(new AcceptComplaintCommand(ID))
                .expectEvents(new ComplaintAcceptedEvent(ID, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 1)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aComplaintLeftUnacceptedIsWarnedAndThenOverdue() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(new FileComplaintCommand(ID, VILLAGE, null, null, ComplaintChannel.ON_SITE, "王先生",
                        PhoneNumber.of("13812345678"), "等候太久"))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 2).atTime(9, 0).atZone(SHANGHAI).toInstant())
                .expectEvents(new ComplaintDeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1)),
                        new ComplaintOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void aDeclinedComplaintIsNotOverdue() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(new FileComplaintCommand(ID, VILLAGE, null, null, ComplaintChannel.ON_SITE, "王先生",
                        PhoneNumber.of("13812345678"), "等候太久"), new DeclineComplaintCommand(ID, "不属于本站职责范围"))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 2).atTime(9, 0).atZone(SHANGHAI).toInstant())
                .expectNoEvents();
    }

    /** A complaint received before the limit ran from receipt has it counted from its acceptance, as then. */
    @Test
    void acceptanceStartsAFiveWorkingDayLimit() {
        fixture().givenCurrentTime(NOW).andGiven(received())
                .when(new AcceptComplaintCommand(ID))
                .expectEvents(ACCEPTED)
                .expectScheduledDeadlineWithName(LocalDate.of(2026, 12, 2).atStartOfDay(SHANGHAI).toInstant(),
                        Complaint.OVERDUE);
    }

    @Test
    void theStepsHappenInOrder() {
        fixture().givenCurrentTime(NOW).andGiven(received())
                .when(new HandleComplaintCommand(ID, "属实", "批评教育"))
                .expectException(refusedBy("complaint-stage")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(received(), ACCEPTED)
                .when(new CloseComplaintCommand(ID, "TS-1"))
                .expectException(refusedBy("complaint-stage")).expectNoEvents();
    }

    @Test
    void feedbackByTheDueDateIsInTime() {
        fixture().givenCurrentTime(NOW).andGiven(received(), ACCEPTED,
                        new ComplaintInvestigatedEvent(ID, "调取录像", TUESDAY),
                        new ComplaintHandledEvent(ID, "属实", "批评教育，调整岗位", TUESDAY))
                .when(new GiveComplaintFeedbackCommand(ID, "已处理并回访"))
                .expectEvents(new ComplaintFeedbackGivenEvent(ID, "已处理并回访", TUESDAY, true));
    }

    @Test
    void unansweredComplaintIsWarnedAndThenOverdue() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(new FileComplaintCommand(ID, VILLAGE, null, null, ComplaintChannel.ON_SITE, "王先生",
                        PhoneNumber.of("13812345678"), "等候太久"), new AcceptComplaintCommand(ID))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 2).atTime(9, 0).atZone(SHANGHAI).toInstant())
                .expectEvents(new ComplaintDeadlineApproachingEvent(ID, LocalDate.of(2026, 12, 1)),
                        new ComplaintOverdueEvent(ID, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void declinedComplaintCarriesTheReasonAndCanBeClosed() {
        fixture().givenCurrentTime(NOW).andGiven(received())
                .when(new DeclineComplaintCommand(ID, "不属于本站职责范围，已告知向县局反映"))
                .expectEvents(new ComplaintDeclinedEvent(ID, "不属于本站职责范围，已告知向县局反映", TUESDAY));
        fixture().givenCurrentTime(NOW).andGiven(received(), new ComplaintDeclinedEvent(ID, "x", TUESDAY))
                .when(new CloseComplaintCommand(ID, "TS-2"))
                .expectEvents(new ComplaintClosedEvent(ID, "TS-2", TUESDAY));
    }
}

package cn.daiban.command.consultation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.consultation.AnswerConsultationCommand;
import cn.daiban.kernel.consultation.ConsultationAnsweredEvent;
import cn.daiban.kernel.consultation.ConsultationChannel;
import cn.daiban.kernel.consultation.ConsultationConvertedEvent;
import cn.daiban.kernel.consultation.ConsultationForwardedEvent;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.consultation.ConsultationReplyOverdueEvent;
import cn.daiban.kernel.consultation.ConvertConsultationCommand;
import cn.daiban.kernel.consultation.ForwardConsultationCommand;
import cn.daiban.kernel.consultation.RecordConsultationCommand;
import cn.daiban.kernel.delegation.DelegationId;
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

class ConsultationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final ConsultationId ID = ConsultationId.of("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    static final Instant FRIDAY_MORNING = FRIDAY.atTime(9, 30).atZone(SHANGHAI).toInstant();
    /** One working day after FRIDAY (the test calendar has no holidays). */
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    static final PhoneNumber CONTACT = PhoneNumber.of("13812345678");

    private StationStatus stationStatus = StationStatus.OPEN;
    static final ServiceItemCode ALLOWANCE = ServiceItemCode.of("RS-001");
    static final ServiceItemCode PENSION = ServiceItemCode.of("RS-002");

    private AggregateTestFixture<Consultation> fixture() {
        AggregateTestFixture<Consultation> fixture = new AggregateTestFixture<>(Consultation.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.of(new StationRegistry.RegisteredStation(
                VILLAGE, "郑庄村便民服务站", StationLevel.VILLAGE_STATION, stationStatus, null, "0356-7021234",
                Set.of(ALLOWANCE.value()))));
        fixture.registerInjectableResource((AgentRegistry) id -> Optional.empty());
        // The catalogue knows both items; the station's list offers only the allowance.
        fixture.registerInjectableResource((ServiceItemCatalog) code -> code.equals(ALLOWANCE) || code.equals(PENSION)
                ? Optional.of(new ServiceItemCatalog.PublishedServiceItem(code, 1, null, false)) : Optional.empty());
        fixture.registerInjectableResource((CalendarProvider) () -> WorkingDayCalendar.of(List.of(
                new CalendarYearData(2026, Set.of(), Set.of(), "test"))));
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    static RecordConsultationCommand record(String answer) {
        return new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                "高龄津贴怎么申请？", answer);
    }

    static ConsultationRecordedEvent recorded() {
        return new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                "高龄津贴怎么申请？", FRIDAY);
    }

    @Test
    void consultationAnsweredAtOnceIsAnsweredInTime() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(record("携带身份证、户口簿到村站代办"))
                .expectEvents(recorded(), new ConsultationAnsweredEvent(ID, "携带身份证、户口簿到村站代办", FRIDAY, true, true));
    }

    /**
     * 000 §4.1 (不应代（帮）办) with 002 代办服务流程·服务咨询 (处理结果): a matter touching personal privacy is not delegated,
     * but the consultation still records that the client was guided, as its result, answered at once.
     */
    @Test
    void privacyMatterIsRecordedAsGuidance_000_4_1() {
        String guidance = "涉及个人隐私，不予帮办代办；已指导本人携带身份证到县公安窗口办理";
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                        "身份证换领能代办吗？", guidance))
                .expectEvents(new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT,
                                ConsultationChannel.VISIT, "身份证换领能代办吗？", FRIDAY),
                        new ConsultationAnsweredEvent(ID, guidance, FRIDAY, true, true));
    }

    /**
     * 001 §7.1.2 (掌握本地群众高频次的办事需求): the matter asked about is kept with whether the station's list offered
     * it then: an item it lists, an item of the catalogue it does not list, a matter in the visitor's words only.
     */
    @Test
    void theMatterAskedAboutIsKeptWithWhetherTheStationOfferedIt_001_7_1_2() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                        "高龄津贴怎么申请？", null, ALLOWANCE, null))
                .expectEvents(new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT,
                        ConsultationChannel.VISIT, "高龄津贴怎么申请？", FRIDAY, ALLOWANCE, null, true, MONDAY));
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                        "养老金资格认证在哪办？", null, PENSION, "养老金认证"))
                .expectEvents(new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT,
                        ConsultationChannel.VISIT, "养老金资格认证在哪办？", FRIDAY, PENSION, "养老金认证", false,
                        MONDAY));
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                        "老年人优待证能在村里办吗？", null, null, "老年人优待证"))
                .expectEvents(new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT,
                        ConsultationChannel.VISIT, "老年人优待证能在村里办吗？", FRIDAY, null, "老年人优待证", false,
                        MONDAY));
    }

    @Test
    void anItemTheCatalogueDoesNotKnowIsRefusedByName() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                        "这个怎么办？", null, ServiceItemCode.of("XX-999"), null))
                .expectException(refusedBy("reference-exists", "itemCode")).expectNoEvents();
    }

    @Test
    void closedStationTakesNoConsultations() {
        stationStatus = StationStatus.CLOSED;
        fixture().givenCurrentTime(FRIDAY_MORNING).when(record(null))
                .expectException(refusedBy("station-open", "stationCode")).expectNoEvents();
    }

    @Test
    void forwardedConsultationIsDueWithinOneWorkingDay() {
        // Forwarded on a Friday: the reply is due on Monday.
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(recorded())
                .when(new ForwardConsultationCommand(ID, "民政局"))
                .expectEvents(new ConsultationForwardedEvent(ID, "民政局", FRIDAY, LocalDate.of(2026, 11, 30)));
    }

    @Test
    void unansweredForwardedConsultationIsReportedOverdue() {
        fixture().givenCurrentTime(FRIDAY_MORNING).andGivenCommands(record(null), new ForwardConsultationCommand(ID, "民政局"))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 1).atTime(8, 0).atZone(SHANGHAI).toInstant())
                .expectEvents(new ConsultationReplyOverdueEvent(ID, "民政局", LocalDate.of(2026, 11, 30)));
    }

    /** Recorded without its answer, as a consultation since the reply's day is kept ({@code 004 §6.3.3.1.3}). */
    static ConsultationRecordedEvent recordedUnanswered() {
        return new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷", CONTACT, ConsultationChannel.VISIT,
                "高龄津贴怎么申请？", FRIDAY, null, null, null, MONDAY);
    }

    /**
     * 004 §6.3.3.1.3 (不能直接解答的咨询…在1个工作日内予以答复): a consultation not answered at once is due one working
     * day after it was recorded, forwarded or not; unanswered by then it is reported overdue.
     */
    @Test
    void aConsultationNotAnsweredAtOnceIsDueWithinOneWorkingDayOfBeingRecorded_004_6_3_3_1_3() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .when(record(null))
                .expectEvents(recordedUnanswered());
        fixture().givenCurrentTime(FRIDAY_MORNING).andGivenCommands(record(null))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 1).atTime(8, 0).atZone(SHANGHAI).toInstant())
                .expectEvents(new ConsultationReplyOverdueEvent(ID, null, MONDAY));
    }

    @Test
    void aConsultationThatLedToAMatterIsNotReportedOverdue() {
        DelegationId delegation = DelegationId.of("0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d");
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .andGivenCommands(record(null), new ConvertConsultationCommand(ID, delegation))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 1).atTime(8, 0).atZone(SHANGHAI).toInstant())
                .expectNoEvents();
    }

    @Test
    void aReplyGivenLaterIsNotAtOnceAndInTimeOnlyByItsDay() {
        fixture().givenCurrentTime(FRIDAY_MORNING.plusSeconds(3600)).andGiven(recordedUnanswered())
                .when(new AnswerConsultationCommand(ID, "年满80周岁可申领"))
                .expectEvents(new ConsultationAnsweredEvent(ID, "年满80周岁可申领", FRIDAY, false, true));
        fixture().givenCurrentTime(LocalDate.of(2026, 12, 1).atTime(10, 0).atZone(SHANGHAI).toInstant())
                .andGiven(recordedUnanswered())
                .when(new AnswerConsultationCommand(ID, "年满80周岁可申领"))
                .expectEvents(new ConsultationAnsweredEvent(ID, "年满80周岁可申领", LocalDate.of(2026, 12, 1), false,
                        false));
    }

    @Test
    void forwardingDoesNotMoveTheDayTheReplyIsDue() {
        fixture().givenCurrentTime(MONDAY.atTime(9, 0).atZone(SHANGHAI).toInstant()).andGiven(recordedUnanswered())
                .when(new ForwardConsultationCommand(ID, "民政局"))
                .expectEvents(new ConsultationForwardedEvent(ID, "民政局", MONDAY, MONDAY))
                .expectNoScheduledDeadlines();
    }

    @Test
    void lateAnswerIsRecordedAsNotInTime() {
        fixture().givenCurrentTime(LocalDate.of(2026, 12, 1).atTime(10, 0).atZone(SHANGHAI).toInstant())
                .andGiven(recorded(), new ConsultationForwardedEvent(ID, "民政局", FRIDAY, LocalDate.of(2026, 11, 30)))
                .when(new AnswerConsultationCommand(ID, "年满80周岁可申领"))
                .expectEvents(new ConsultationAnsweredEvent(ID, "年满80周岁可申领", LocalDate.of(2026, 12, 1), false, false));
    }

    @Test
    void answeredConsultationCannotBeAnsweredAgain() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .andGiven(recorded(), new ConsultationAnsweredEvent(ID, "答复", FRIDAY, true, true))
                .when(new AnswerConsultationCommand(ID, "again"))
                .expectException(refusedBy("consultation-open")).expectNoEvents();
    }

    @Test
    void consultationLeadsToOneDelegationAndKeepsTheLink() {
        DelegationId delegation = DelegationId.of("0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d");
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(recorded())
                .when(new ConvertConsultationCommand(ID, delegation))
                .expectEvents(new ConsultationConvertedEvent(ID, delegation));
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(recorded(), new ConsultationConvertedEvent(ID, delegation))
                .when(new ConvertConsultationCommand(ID, DelegationId.create()))
                .expectException(refusedBy("converted-once", "consultationId")).expectNoEvents();
    }
}

package cn.daiban.command.appointment;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.appointment.*;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;

class AppointmentTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final AppointmentId ID = AppointmentId.of("7c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final ServiceItemCode ITEM = ServiceItemCode.of("RS-001");
    static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 25);
    static final Instant NOW = LocalDate.of(2026, 11, 24).atTime(10, 0).atZone(SHANGHAI).toInstant();
    static final PhoneNumber PHONE = PhoneNumber.of("13912345678");
    static final List<SlotWindow> WINDOWS = List.of(
            new SlotWindow(LocalTime.of(9, 0), LocalTime.of(12, 0), 30, 2, false),
            new SlotWindow(LocalTime.of(18, 0), LocalTime.of(20, 0), 60, 1, true));

    private int booked;

    private AggregateTestFixture<Appointment> fixture() {
        AggregateTestFixture<Appointment> fixture = new AggregateTestFixture<>(Appointment.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.of(new StationRegistry.RegisteredStation(
                code, "村站", StationLevel.VILLAGE_STATION, StationStatus.OPEN, null, "0356-7021234", Set.of("RS-001"))));
        fixture.registerInjectableResource(new BookingSlots() {
            @Override
            public Optional<Schedule> schedule(StationCode station) {
                return Optional.of(new Schedule(WINDOWS, false));
            }

            @Override
            public int booked(StationCode station, LocalDate date, LocalTime slotStart) {
                return booked;
            }
        });
        fixture.registerInjectableResource((CalendarProvider) () -> WorkingDayCalendar.of(List.of(
                new CalendarYearData(2026, Set.of(), Set.of(), "test"))));
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    static BookAppointmentCommand book(LocalDate day, LocalTime slot, AppointmentKind kind) {
        return new BookAppointmentCommand(ID, VILLAGE, ITEM, day, slot, kind, BookingChannel.ONLINE, "王秀英", PHONE,
                kind == AppointmentKind.HOME_VISIT ? "郑庄村3组" : null);
    }

    static AppointmentBookedEvent booked() {
        return new AppointmentBookedEvent(ID, VILLAGE, ITEM, WEDNESDAY, LocalTime.of(9, 30), LocalTime.of(10, 0),
                AppointmentKind.REGULAR, BookingChannel.ONLINE, "王秀英", PHONE, null);
    }

    @Test
    void aPublishedSlotOnAWorkingDayIsBooked() {
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .expectEvents(booked());
    }

    @Test
    void extendedHoursAreBookedOnlyInTheExtendedWindow() {
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(18, 0), AppointmentKind.EXTENDED_HOURS))
                .expectSuccessfulHandlerExecution();
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(18, 0), AppointmentKind.REGULAR))
                .expectException(refusedBy("published-slot", "slotStart")).expectNoEvents();
    }

    @Test
    void aSlotThatIsNotPublishedOrIsFullIsRefused() {
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(9, 15), AppointmentKind.REGULAR))
                .expectException(refusedBy("published-slot", "slotStart")).expectNoEvents();
        booked = 2;
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .expectException(refusedBy("slot-capacity", "slotStart")).expectNoEvents();
    }

    @Test
    void weekendsAndPastSlotsAreRefusedAndHomeVisitsOnlyWhereOffered() {
        fixture().givenCurrentTime(NOW).when(book(LocalDate.of(2026, 11, 28), LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .expectException(refusedBy("working-day", "date")).expectNoEvents();
        fixture().givenCurrentTime(NOW).when(book(LocalDate.of(2026, 11, 24), LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .expectException(refusedBy("slot-in-future", "slotStart")).expectNoEvents();
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(9, 30), AppointmentKind.HOME_VISIT))
                .expectException(refusedBy("home-visits-offered", "kind")).expectNoEvents();
    }

    /**
     * 特殊办 (000 §7.2.2 e: 提前办理、延时办理、节假日办理; 003 附件3 六4: 不得以任何理由拒绝服务): on a Saturday, or early on a
     * working day, it is booked without a published slot, for an hour; inside the published regular hours of a working
     * day it is a regular slot, and refused as special handling by name.
     */
    @Test
    void specialHandlingIsBookedEarlyLateOrOnANonWorkingDayOutsideTheRegularHours() {
        LocalDate saturday = LocalDate.of(2026, 11, 28);
        fixture().givenCurrentTime(NOW).when(book(saturday, LocalTime.of(10, 0), AppointmentKind.SPECIAL_HANDLING))
                .expectEvents(new AppointmentBookedEvent(ID, VILLAGE, ITEM, saturday, LocalTime.of(10, 0),
                        LocalTime.of(11, 0), AppointmentKind.SPECIAL_HANDLING, BookingChannel.ONLINE, "王秀英", PHONE,
                        null));
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(7, 30), AppointmentKind.SPECIAL_HANDLING))
                .expectSuccessfulHandlerExecution();
        fixture().givenCurrentTime(NOW).when(book(WEDNESDAY, LocalTime.of(10, 0), AppointmentKind.SPECIAL_HANDLING))
                .expectException(refusedBy("special-handling-outside-hours", "slotStart")).expectNoEvents();
        fixture().givenCurrentTime(NOW).when(book(LocalDate.of(2026, 11, 24), LocalTime.of(7, 30),
                        AppointmentKind.SPECIAL_HANDLING))
                .expectException(refusedBy("slot-in-future", "slotStart")).expectNoEvents();
        // A regular slot on that Saturday is still refused, and the refusal says what to book instead.
        fixture().givenCurrentTime(NOW).when(book(saturday, LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .expectException(refusedBy("working-day", "date"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("SPECIAL_HANDLING")).expectNoEvents();
    }

    @Test
    void onlyTheClientCancels() {
        fixture().givenCurrentTime(NOW).andGiven(booked())
                .when(new CancelAppointmentCommand(ID, PhoneNumber.of("13700001111"), "工作人员取消"))
                .expectException(refusedBy("only-client-cancels", "clientPhone")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGiven(booked())
                .when(new CancelAppointmentCommand(ID, PHONE, "临时有事"))
                .expectEvents(new AppointmentCancelledEvent(ID, "临时有事"));
    }

    @Test
    void aBookingNobodyServedIsFlaggedAsMissed() {
        fixture().givenCurrentTime(NOW).andGivenCommands(book(WEDNESDAY, LocalTime.of(9, 30), AppointmentKind.REGULAR))
                .whenTimeAdvancesTo(WEDNESDAY.atTime(11, 0).atZone(SHANGHAI).toInstant())
                .expectEvents(new AppointmentMissedEvent(ID, VILLAGE, WEDNESDAY, LocalTime.of(9, 30)));
    }

    @Test
    void aServedBookingKeepsTheLinkAndIsNotMissed() {
        fixture().givenCurrentTime(NOW).andGivenCommands(book(WEDNESDAY, LocalTime.of(9, 30), AppointmentKind.REGULAR),
                        new ServeAppointmentCommand(ID, "DELEGATION", "0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d"))
                .whenTimeAdvancesTo(WEDNESDAY.atTime(11, 0).atZone(SHANGHAI).toInstant())
                .expectNoEvents();
    }
}

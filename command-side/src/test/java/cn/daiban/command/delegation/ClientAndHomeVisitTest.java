package cn.daiban.command.delegation;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * The client and the visit ({@link ClientCategorisation}, {@link HomeVisits}): the categories a client carries
 * (`002 服务对象`) and the agreed home visit (`000 §7.2.2 b`, `003 附件3 六5`).
 */
class ClientAndHomeVisitTest extends DelegationFixtureSupport {

    /** Tomorrow 09:00 in Shanghai: the visit agreed with the client. */
    static final Instant AGREED = at(TODAY.plusDays(1), 9);
    static final HomeVisitAppointment VISIT = new HomeVisitAppointment(AGREED, "郑庄村东街12号");

    static Set<ClientCategoryCode> categories(String... codes) {
        return java.util.Arrays.stream(codes).map(ClientCategoryCode::of).collect(java.util.stream.Collectors.toSet());
    }

    // ---- 002 服务对象: client categories ----

    @Test
    @DisplayName("client-category-listed (002 服务对象): a client carries categories of the list, set at commissioning")
    void clientCategoryListed_categoriesOfTheListAreCarriedFromCommissioning() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").notes(List.of("请保持电话畅通"))
                        .clientCategories("ELDERLY", "DISABLED").build())
                .expectEvents(commissioned().clientCategories("ELDERLY", "DISABLED").build());
    }

    @Test
    @DisplayName("client-category-listed (002 服务对象): a category unknown to the list is refused, nothing recorded")
    void clientCategoryListed_refusesACategoryUnknownToTheList() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().clientCategories("ELDERLY", "VETERAN").build())
                .expectException(refusedBy("client-category-listed", "clientCategories"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("client-category-listed (002 服务对象 …其他): a category an administrator added is accepted")
    void clientCategoryListed_theListIsExtendable() {
        clientCategories.add("VETERAN");
        fixture().givenCurrentTime(NOW)
                .when(commissioning().clientCategories("VETERAN").build())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("002 服务对象 (投诉的特事特办): the categories change later, with the previous set in the history")
    void clientCategoriesChangeLater() {
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().clientCategories("ELDERLY").build())
                .when(new ChangeClientCategoriesCommand(ID, categories("ELDERLY", "COMPLAINT_SPECIAL_CASE"),
                        "投诉转特事特办"))
                .expectEvents(new ClientCategoriesChangedEvent(ID, categories("ELDERLY"),
                        categories("ELDERLY", "COMPLAINT_SPECIAL_CASE"), "投诉转特事特办", TODAY));
    }

    @Test
    @DisplayName("client-category-listed and client-categories-change: a change names listed categories and changes something")
    void clientCategoriesChange_refusedWhenUnknownOrUnchanged() {
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().clientCategories("ELDERLY").build())
                .when(new ChangeClientCategoriesCommand(ID, categories("NOBODY"), null))
                .expectException(refusedBy("client-category-listed", "clientCategories"))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().clientCategories("ELDERLY").build())
                .when(new ChangeClientCategoriesCommand(ID, categories("ELDERLY"), null))
                .expectException(refusedBy("client-categories-change", "clientCategories"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a commissioning stored before categories existed reads as no categories")
    void storedCommissioningWithoutCategoriesReadsAsNone() {
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().storedBeforeClientCategories().build())
                .when(new ChangeClientCategoriesCommand(ID, categories("MILITARY"), null))
                .expectEvents(new ClientCategoriesChangedEvent(ID, Set.of(), categories("MILITARY"), null, TODAY));
    }

    // ---- 000 §7.2.2 b, 003 附件3 六5: home visits ----

    @Test
    @DisplayName("home-visit-agreed (000 §7.2.2 b, 003 附件3 六5): a home visit is commissioned with the agreed time and address")
    void homeVisitAgreed_commissionedWithTimeAndAddress() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().proxy().window("W1").notes(List.of("请保持电话畅通")).homeVisit(VISIT).build())
                .expectEvents(commissioned().homeVisit(VISIT).build());
    }

    @Test
    @DisplayName("home-visit-agreed (003 附件3 六5: 在约定时间提供上门服务): no agreed time or no address is refused, naming it")
    void homeVisitAgreed_refusedWithoutTimeOrAddress() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().homeVisit(null).build())
                .expectException(refusedBy("home-visit-agreed", "homeVisit.agreedAt"))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().homeVisit(new HomeVisitAppointment(null, "郑庄村东街12号")).build())
                .expectException(refusedBy("home-visit-agreed", "homeVisit.agreedAt"))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .when(commissioning().homeVisit(new HomeVisitAppointment(AGREED, null)).build())
                .expectException(refusedBy("home-visit-agreed", "homeVisit.address"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("home-visit-mode: an agreed visit on a matter handled on site is refused, not kept unseen")
    void homeVisitMode_agreementOnlyForHomeVisits() {
        fixture().givenCurrentTime(NOW)
                .when(commissioning().homeVisit(VISIT).mode(ServiceMode.ON_SITE).build())
                .expectException(refusedBy("home-visit-mode", "homeVisit"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("home-visit-agreed (000 §7.2.2 b): switching to a home visit needs the time and the address too")
    void homeVisitAgreed_whenSwitchedToAHomeVisit() {
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().build())
                .when(new ArrangeHomeVisitCommand(ID, VISIT, "老人行动不便"))
                .expectEvents(new HomeVisitArrangedEvent(ID, ServiceMode.ON_SITE, VISIT, "老人行动不便"));
        fixture().givenCurrentTime(NOW)
                .andGiven(commissioned().build())
                .when(new ArrangeHomeVisitCommand(ID, new HomeVisitAppointment(AGREED, null), null))
                .expectException(refusedBy("home-visit-agreed", "homeVisit.address"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("003 附件3 六5 (在约定时间提供上门服务): an arrival by the agreed time is on time, after it late")
    void homeVisitArrivalAfterTheAgreedTimeIsLate() {
        Instant onTime = AGREED.minus(5, ChronoUnit.MINUTES);
        fixture().givenCurrentTime(AGREED.plus(2, ChronoUnit.HOURS))
                .andGiven(commissioned().homeVisit(VISIT).build())
                .when(new RecordHomeVisitCommand(ID, onTime, null))
                .expectEvents(new HomeVisitRecordedEvent(ID, AGREED, onTime, false, 0, null));
        Instant late = AGREED.plus(40, ChronoUnit.MINUTES);
        fixture().givenCurrentTime(AGREED.plus(2, ChronoUnit.HOURS))
                .andGiven(commissioned().homeVisit(VISIT).build())
                .when(new RecordHomeVisitCommand(ID, late, "路上堵车"))
                .expectEvents(new HomeVisitRecordedEvent(ID, AGREED, late, true, 40, "路上堵车"));
    }

    @Test
    @DisplayName("home-visit-mode, home-visit-recorded-once, arrival-not-in-future: what an arrival needs")
    void homeVisitArrivalRefusals() {
        Instant arrived = AGREED.plus(1, ChronoUnit.MINUTES);
        fixture().givenCurrentTime(AGREED.plus(2, ChronoUnit.HOURS))
                .andGiven(commissioned().build())
                .when(new RecordHomeVisitCommand(ID, arrived, null))
                .expectException(refusedBy("home-visit-mode"))
                .expectNoEvents();
        fixture().givenCurrentTime(AGREED.plus(2, ChronoUnit.HOURS))
                .andGiven(commissioned().homeVisit(VISIT).build(),
                        new HomeVisitRecordedEvent(ID, AGREED, arrived, true, 1, null))
                .when(new RecordHomeVisitCommand(ID, arrived, null))
                .expectException(refusedBy("home-visit-recorded-once"))
                .expectNoEvents();
        fixture().givenCurrentTime(AGREED.minus(1, ChronoUnit.HOURS))
                .andGiven(commissioned().homeVisit(VISIT).build())
                .when(new RecordHomeVisitCommand(ID, AGREED, null))
                .expectException(refusedBy("arrival-not-in-future", "arrivedAt"))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a new agreement after a recorded visit allows the next visit, judged against the new time")
    void newAgreementAllowsTheNextVisit() {
        Instant nextDay = at(LocalDate.of(2026, 11, 26), 14);
        HomeVisitAppointment second = new HomeVisitAppointment(nextDay, "郑庄村东街12号");
        fixture().givenCurrentTime(nextDay.plus(1, ChronoUnit.HOURS))
                .andGiven(commissioned().homeVisit(VISIT).build(),
                        new HomeVisitRecordedEvent(ID, AGREED, AGREED, false, 0, null),
                        new HomeVisitArrangedEvent(ID, ServiceMode.HOME_VISIT, second, "补签材料"))
                .when(new RecordHomeVisitCommand(ID, nextDay, null))
                .expectEvents(new HomeVisitRecordedEvent(ID, nextDay, nextDay, false, 0, null));
    }
}

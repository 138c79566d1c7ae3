package cn.daiban.command.station;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.ApproveStationChangeCommand;
import cn.daiban.kernel.station.ApproveStationClosureCommand;
import cn.daiban.kernel.station.ApproveStationOpeningCommand;
import cn.daiban.kernel.station.HostOrganisationType;
import cn.daiban.kernel.station.OfficeEquipment;
import cn.daiban.kernel.station.SiteConditions;
import cn.daiban.kernel.station.RefuseStationOpeningCommand;
import cn.daiban.kernel.station.RequestStationChangeCommand;
import cn.daiban.kernel.station.RequestStationClosureCommand;
import cn.daiban.kernel.station.RequestStationOpeningCommand;
import cn.daiban.kernel.station.StationChangeApprovedEvent;
import cn.daiban.kernel.station.StationChangeRequestedEvent;
import cn.daiban.kernel.station.StationClosureApprovedEvent;
import cn.daiban.kernel.station.StationClosureRequestedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRefusedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationStatus;
import cn.daiban.kernel.station.StationWindow;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;

class StationTest {

    static final StationCode COUNTY = StationCode.of("140521000");
    static final StationCode TOWNSHIP = StationCode.of("140521101");
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final StationManager MANAGER = new StationManager("王芳", PhoneNumber.of("13912345678"));

    private AggregateTestFixture<Station> fixture;
    private final Map<StationCode, StationRegistry.RegisteredStation> registry = new HashMap<>();
    private long unfinished;
    private boolean withdrawn;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Station.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.ofNullable(registry.get(code)));
        fixture.registerInjectableResource((UnfinishedDelegations) code -> unfinished);
        fixture.registerInjectableResource((ServiceItemCatalog) code -> "SB-001".equals(code.value())
                ? Optional.of(new ServiceItemCatalog.PublishedServiceItem(code, 1, new ServiceItemDefinition("社保查询",
                "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(), 0, List.of(), false, true), withdrawn))
                : Optional.empty());
        registry.put(COUNTY, new StationRegistry.RegisteredStation(COUNTY, "station " + COUNTY, StationLevel.COUNTY_CENTRE, StationStatus.OPEN, null, "0356-7020000", Set.of(),
                RegionCode.of("140521"), Set.of("Z1")));
        registry.put(TOWNSHIP, new StationRegistry.RegisteredStation(TOWNSHIP, "station " + TOWNSHIP, StationLevel.TOWNSHIP_CENTRE, StationStatus.OPEN, COUNTY, "0356-7020000", Set.of(),
                RegionCode.of("140521101"), Set.of()));
    }

    static RequestStationOpeningCommand opening(StationCode code, StationLevel level, StationCode parent, String region) {
        RequestStationOpeningCommand c = villageOpening();
        return new RequestStationOpeningCommand(code, c.name(), level, parent, null, RegionCode.of(region), c.address(),
                c.manager(), c.supervisionPhone(), c.windows(), c.serviceItemCodes());
    }

    static RequestStationOpeningCommand villageOpening() {
        return new RequestStationOpeningCommand(VILLAGE, "郑庄村便民服务站", StationLevel.VILLAGE_STATION, TOWNSHIP, null,
                RegionCode.of("140521101201"), "沁水县郑庄镇郑庄村村委会一层", MANAGER, PhoneNumber.of("0356-7021234"),
                List.of(new StationWindow("W1", "综合窗口", StationWindow.Kind.WINDOW, null)), Set.of("SB-001"));
    }

    static StationOpeningRequestedEvent villageOpeningRequested() {
        RequestStationOpeningCommand c = villageOpening();
        return new StationOpeningRequestedEvent(c.stationCode(), c.name(), c.level(), c.parentCode(), c.hostType(),
                c.region(), c.address(), c.manager(), c.supervisionPhone(), c.windows(), c.serviceItemCodes());
    }

    @Test
    void applicationToOpenUnderAnOpenParentIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(villageOpening())
                .expectSuccessfulHandlerExecution()
                .expectEvents(villageOpeningRequested())
                .expectResultMessagePayload(0L);
    }

    @Test
    void takenStationCodeIsRefused() {
        registry.put(VILLAGE, new StationRegistry.RegisteredStation(VILLAGE, "station " + VILLAGE, StationLevel.VILLAGE_STATION, StationStatus.OPEN, TOWNSHIP, "0356-7020000", Set.of()));
        fixture.givenNoPriorActivity()
                .when(villageOpening())
                .expectException(refusedBy("station-code-unique"))
                .expectExceptionMessage("station code 140521101201 is already taken")
                .expectNoEvents();
    }

    @Test
    void unknownParentIsRefused() {
        registry.remove(TOWNSHIP);
        fixture.givenNoPriorActivity()
                .when(villageOpening())
                .expectException(refusedBy("reference-exists", "parentCode"))
                .expectNoEvents();
    }

    @Test
    void villageMustReportToATownshipNotTheCounty() {
        RequestStationOpeningCommand c = villageOpening();
        fixture.givenNoPriorActivity()
                .when(new RequestStationOpeningCommand(c.stationCode(), c.name(), c.level(), COUNTY, null, c.region(),
                        c.address(), c.manager(), c.supervisionPhone(), c.windows(), c.serviceItemCodes()))
                .expectException(refusedBy("parent-level", "parentCode"))
                .expectNoEvents();
    }

    @Test
    void parentThatIsNotOpenCannotTakeNewStations() {
        registry.put(TOWNSHIP, new StationRegistry.RegisteredStation(TOWNSHIP, "station " + TOWNSHIP, StationLevel.TOWNSHIP_CENTRE, StationStatus.CLOSED, COUNTY, "0356-7020000", Set.of()));
        fixture.givenNoPriorActivity()
                .when(villageOpening())
                .expectException(refusedBy("parent-open", "parentCode"))
                .expectNoEvents();
    }

    @Test
    void stationCodeMustLieUnderItsParentsRegion() {
        // 140599… is consistent with its own region 140599, but the township it reports to covers 140521101.
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140599101201"), StationLevel.VILLAGE_STATION, TOWNSHIP, "140599"))
                .expectException(refusedBy("station-code-in-parent-region", "stationCode"))
                .expectNoEvents();
        // A neighbouring township's serial under the right county is not under this township either.
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140521102201"), StationLevel.VILLAGE_STATION, TOWNSHIP, "140521102"))
                .expectException(refusedBy("station-code-in-parent-region", "stationCode"))
                .expectNoEvents();
    }

    @Test
    void stationsRegionMustBeConsistentWithItsCode() {
        fixture.givenNoPriorActivity()
                .when(opening(VILLAGE, StationLevel.VILLAGE_STATION, TOWNSHIP, "140521102"))
                .expectException(refusedBy("station-code-in-region", "region"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140522000"), StationLevel.COUNTY_CENTRE, null, "140521"))
                .expectException(refusedBy("station-code-in-region", "region"))
                .expectNoEvents();
    }

    @Test
    void stationMayNameACoarserRegionThanItsCodeWithinItsParents() {
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140522000"), StationLevel.COUNTY_CENTRE, null, "140522"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140521102"), StationLevel.TOWNSHIP_CENTRE, COUNTY, "140521"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(opening(VILLAGE, StationLevel.VILLAGE_STATION, TOWNSHIP, "140521101"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void parentWhoseRegionTheLookUpDoesNotKnowIsNotChecked() {
        // A parent registered before the look-up kept regions, its events elsewhere (Axon Server).
        registry.put(TOWNSHIP, new StationRegistry.RegisteredStation(TOWNSHIP, "station " + TOWNSHIP,
                StationLevel.TOWNSHIP_CENTRE, StationStatus.OPEN, COUNTY, "0356-7020000", Set.of()));
        fixture.givenNoPriorActivity()
                .when(opening(StationCode.of("140599101201"), StationLevel.VILLAGE_STATION, TOWNSHIP, "140599"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void partnerOutletNeedsItsHostType() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RequestStationOpeningCommand(
                        StationCode.of("14052110B01"), "邮储银行郑庄网点", StationLevel.PARTNER_OUTLET, TOWNSHIP, null,
                        RegionCode.of("140521101"), "郑庄镇", MANAGER, PhoneNumber.of("0356-7021234"), null, null))
                .hasMessageContaining("hostType");
        new RequestStationOpeningCommand(StationCode.of("14052110B01"), "邮储银行郑庄网点", StationLevel.PARTNER_OUTLET,
                TOWNSHIP, HostOrganisationType.BANK, RegionCode.of("140521101"), "郑庄镇", MANAGER,
                PhoneNumber.of("0356-7021234"), null, null);
    }

    static final StationCode OUTLET = StationCode.of("140521101B01");

    static RequestStationOpeningCommand outletOpening(SiteConditions conditions) {
        return new RequestStationOpeningCommand(OUTLET, "邮储银行郑庄网点", StationLevel.PARTNER_OUTLET, TOWNSHIP,
                HostOrganisationType.BANK, RegionCode.of("140521101"), "郑庄镇邮储银行营业厅", MANAGER,
                PhoneNumber.of("0356-7021234"), null, Set.of("SB-001"), conditions);
    }

    static SiteConditions conditions(int staff, Set<OfficeEquipment> equipment) {
        return new SiteConditions("中国邮政储蓄银行沁水县支行", "镇中心街，日均客流约300人次", staff, equipment, true, true, null);
    }

    /**
     * 004 附录A 申请条件, for the 便民服务站 `004` governs (a partner outlet): stated, with one or two staff (`004 §5.3.1`) and the
     * basic equipment (`004 §5.2.1`); the event keeps them for the approver.
     */
    @Test
    void aPartnerOutletAppliesWithItsConditionsStatedAndMet() {
        fixture.givenNoPriorActivity().when(outletOpening(null))
                .expectException(refusedBy("opening-conditions-stated", "siteConditions")).expectNoEvents();
        fixture.givenNoPriorActivity().when(outletOpening(conditions(3, OfficeEquipment.BASIC)))
                .expectException(refusedBy("opening-staffing-one-or-two", "siteConditions.staffCount"))
                .expectNoEvents();
        fixture.givenNoPriorActivity().when(outletOpening(conditions(2, Set.of(OfficeEquipment.OFFICE_PHONE,
                        OfficeEquipment.COMPUTER, OfficeEquipment.DESK_AND_CHAIRS, OfficeEquipment.FILE_CABINET))))
                .expectException(refusedBy("opening-basic-equipment", "siteConditions.equipment"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("打印机")).expectNoEvents();
        SiteConditions met = conditions(2, Set.of(OfficeEquipment.OFFICE_PHONE, OfficeEquipment.COMPUTER,
                OfficeEquipment.PRINTER, OfficeEquipment.DESK_AND_CHAIRS, OfficeEquipment.FILE_CABINET,
                OfficeEquipment.DOCUMENT_CAMERA));
        fixture.givenNoPriorActivity().when(outletOpening(met))
                .expectEvents(new StationOpeningRequestedEvent(OUTLET, "邮储银行郑庄网点", StationLevel.PARTNER_OUTLET,
                        TOWNSHIP, HostOrganisationType.BANK, RegionCode.of("140521101"), "郑庄镇邮储银行营业厅", MANAGER,
                        PhoneNumber.of("0356-7021234"), List.of(), Set.of("SB-001"), met));
    }

    /** A village station (not a 便民服务站 of `004 §3.1`) may state its conditions, or not. */
    @Test
    void otherLevelsMayStateTheirConditions() {
        RequestStationOpeningCommand c = villageOpening();
        SiteConditions stated = conditions(4, Set.of());
        fixture.givenNoPriorActivity().when(new RequestStationOpeningCommand(c.stationCode(), c.name(), c.level(),
                        c.parentCode(), null, c.region(), c.address(), c.manager(), c.supervisionPhone(), c.windows(),
                        c.serviceItemCodes(), stated))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void stationOffersOnlyPublishedItems() {
        withdrawn = true;
        fixture.givenNoPriorActivity().when(villageOpening())
                .expectException(refusedBy("item-published", "serviceItemCodes")).expectNoEvents();
        RequestStationOpeningCommand c = villageOpening();
        fixture.givenNoPriorActivity()
                .when(new RequestStationOpeningCommand(c.stationCode(), c.name(), c.level(), c.parentCode(), null,
                        c.region(), c.address(), c.manager(), c.supervisionPhone(), c.windows(), Set.of("XX-999")))
                .expectException(refusedBy("reference-exists", "serviceItemCodes")).expectNoEvents();
    }

    @Test
    void supervisingLevelApprovesTheOpening() {
        fixture.given(villageOpeningRequested())
                .when(new ApproveStationOpeningCommand(VILLAGE, TOWNSHIP, "材料齐全"))
                .expectEvents(new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, "材料齐全"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void onlyTheSupervisingLevelMayDecide() {
        fixture.given(villageOpeningRequested())
                .when(new ApproveStationOpeningCommand(VILLAGE, COUNTY, null))
                .expectException(refusedBy("approval-by-supervising-level", "approverStationCode"))
                .expectNoEvents();
    }

    @Test
    void refusalCarriesTheReason() {
        fixture.given(villageOpeningRequested())
                .when(new RefuseStationOpeningCommand(VILLAGE, TOWNSHIP, "场地不足 20 平方米"))
                .expectEvents(new StationOpeningRefusedEvent(VILLAGE, TOWNSHIP, "场地不足 20 平方米"));
    }

    @Test
    void approvingAnAlreadyOpenStationIsAnIllegalTransition() {
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new ApproveStationOpeningCommand(VILLAGE, TOWNSHIP, null))
                .expectException(refusedBy("station-status"))
                .expectNoEvents();
    }

    @Test
    void changeIsAppliedForAndTheApprovalCarriesWhatChanged() {
        StationManager newManager = new StationManager("李强", PhoneNumber.of("13700001111"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationChangeRequestedEvent(VILLAGE, "c1", newManager, null, null, "原负责人调任"))
                .when(new ApproveStationChangeCommand(VILLAGE, "c1", TOWNSHIP))
                .expectEvents(new StationChangeApprovedEvent(VILLAGE, "c1", newManager, null, null, TOWNSHIP));
    }

    /** 004 附录B (变更后便民服务站情况: 便民服务站地址): a station that moves applies with its new address alone. */
    @Test
    void aStationThatMovesAppliesWithItsNewAddressAndTheApprovalCarriesIt() {
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new RequestStationChangeCommand(VILLAGE, "c1", null, null, null, "村委会搬迁", "郑庄村新村委会一楼"))
                .expectEvents(new StationChangeRequestedEvent(VILLAGE, "c1", null, null, null, "村委会搬迁",
                        "郑庄村新村委会一楼"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationChangeRequestedEvent(VILLAGE, "c1", null, null, null, "村委会搬迁", "郑庄村新村委会一楼"))
                .when(new ApproveStationChangeCommand(VILLAGE, "c1", TOWNSHIP))
                .expectEvents(new StationChangeApprovedEvent(VILLAGE, "c1", null, null, null, TOWNSHIP,
                        "郑庄村新村委会一楼"));
    }

    @Test
    void aChangeThatChangesNothingIsBadInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RequestStationChangeCommand(VILLAGE, "c1", null,
                        null, null, "x", " "))
                .isInstanceOf(cn.daiban.kernel.common.InvalidValueException.class)
                .hasMessageContaining("address");
    }

    @Test
    void secondChangeWaitsForTheFirstDecision() {
        StationManager newManager = new StationManager("李强", PhoneNumber.of("13700001111"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationChangeRequestedEvent(VILLAGE, "c1", newManager, null, null, "原负责人调任"))
                .when(new RequestStationChangeCommand(VILLAGE, "c2", newManager, null, null, "again"))
                .expectException(refusedBy("one-pending-change"))
                .expectNoEvents();
    }

    @Test
    void stationThatIsNotOpenCannotApplyForAChange() {
        fixture.given(villageOpeningRequested())
                .when(new RequestStationChangeCommand(VILLAGE, "c1", MANAGER, null, null, "x"))
                .expectException(refusedBy("station-status"))
                .expectNoEvents();
    }

    @Test
    void closureIsAppliedForThenApproved() {
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new RequestStationClosureCommand(VILLAGE, "村站合并"))
                .expectEvents(new StationClosureRequestedEvent(VILLAGE, "村站合并"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationClosureRequestedEvent(VILLAGE, "村站合并"))
                .when(new ApproveStationClosureCommand(VILLAGE, TOWNSHIP))
                .expectEvents(new StationClosureApprovedEvent(VILLAGE, TOWNSHIP));
    }

    @Test
    void stationWithUnfinishedDelegationsCannotApplyToClose() {
        unfinished = 2;
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new RequestStationClosureCommand(VILLAGE, "村站合并"))
                .expectException(refusedBy("no-unfinished-delegations"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("2 unfinished"))
                .expectNoEvents();
    }

    /**
     * 004 §5.4.1.3 (通过审核后注销): a station stays open while its closure is pending, so matters taken in meanwhile
     * are checked again when the closure is approved; finished, it closes.
     */
    @Test
    void closureIsApprovedOnlyOnceMattersTakenInMeanwhileAreFinished() {
        unfinished = 1;
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationClosureRequestedEvent(VILLAGE, "村站合并"))
                .when(new ApproveStationClosureCommand(VILLAGE, TOWNSHIP))
                .expectException(refusedBy("no-unfinished-delegations"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("1 unfinished"))
                .expectNoEvents();
        unfinished = 0;
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationClosureRequestedEvent(VILLAGE, "村站合并"))
                .when(new ApproveStationClosureCommand(VILLAGE, TOWNSHIP))
                .expectEvents(new StationClosureApprovedEvent(VILLAGE, TOWNSHIP));
    }

    @Test
    void statisticsGoUpOncePerPeriodAndAgainOnlyAsACorrection() {
        java.util.Map<String, Double> figures = java.util.Map.of("volume", 12.0, "onTimeRate", 1.0);
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new cn.daiban.kernel.station.SubmitStationStatisticsCommand(VILLAGE, "2026-Q4", figures, null))
                .expectEvents(new cn.daiban.kernel.station.StationStatisticsSubmittedEvent(VILLAGE, "2026-Q4", TOWNSHIP,
                        new java.util.TreeMap<>(figures), false, null));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new cn.daiban.kernel.station.StationStatisticsSubmittedEvent(VILLAGE, "2026-Q4", TOWNSHIP, figures,
                                false, null))
                .when(new cn.daiban.kernel.station.SubmitStationStatisticsCommand(VILLAGE, "2026-Q4", figures, null))
                .expectException(refusedBy("submitted-once")).expectNoEvents();
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new cn.daiban.kernel.station.StationStatisticsSubmittedEvent(VILLAGE, "2026-Q4", TOWNSHIP, figures,
                                false, null))
                .when(new cn.daiban.kernel.station.SubmitStationStatisticsCommand(VILLAGE, "2026-Q4", figures, "更正办结量"))
                .expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new cn.daiban.kernel.station.SubmitStationStatisticsCommand(
                VILLAGE, "2026-Q5", figures, null)).hasMessageContaining("period");
        // Only the years the views keep figures for: another was parked on the query side, the station's later
        // submissions waiting behind it.
        for (String outside : List.of("0000-01", "1999", "2101-Q1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new cn.daiban.kernel.station.SubmitStationStatisticsCommand(
                    VILLAGE, outside, figures, null)).as(outside).hasMessageContaining("period");
        }
    }

    @Test
    void statisticsCorrectionOncePerFigure_aFigureCorrectedTwiceInOneSubmissionIsRefused() {
        var twice = List.of(new cn.daiban.kernel.station.FigureCorrection("volume", 3.0, "纸质登记一件未录入"),
                new cn.daiban.kernel.station.FigureCorrection("volume", 4.0, "另一件"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new cn.daiban.kernel.station.SubmitStationStatisticsCommand(VILLAGE, "2026-Q4", null, null,
                        "备注", twice))
                .expectException(refusedBy(StatisticsCorrections.ONCE_PER_FIGURE, "corrections"))
                .expectNoEvents();
    }

    @Test
    void statisticsAreSubmittedWithoutTypedFiguresAndCarryRemarksAndCorrectionsBesideThem() {
        var corrections = List.of(new cn.daiban.kernel.station.FigureCorrection("volume", 3.0, "纸质登记一件未录入"));
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null))
                .when(new cn.daiban.kernel.station.SubmitStationStatisticsCommand(VILLAGE, "2026-Q4", null, null,
                        "本季度新增红色代办", corrections))
                .expectEvents(new cn.daiban.kernel.station.StationStatisticsSubmittedEvent(VILLAGE, "2026-Q4", TOWNSHIP,
                        new java.util.TreeMap<>(), false, null, "本季度新增红色代办", corrections));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new cn.daiban.kernel.station.SubmitStationStatisticsCommand(
                VILLAGE, "2026-Q4", null, null, null, List.of(new cn.daiban.kernel.station.FigureCorrection("volume",
                        3.0, " ")))).isInstanceOfSatisfying(cn.daiban.kernel.common.InvalidValueException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("corrections[0].reason"));
    }

    @Test
    void closedStationCannotBeClosedAgain() {
        fixture.given(villageOpeningRequested(), new StationOpeningApprovedEvent(VILLAGE, TOWNSHIP, null),
                        new StationClosureRequestedEvent(VILLAGE, "村站合并"),
                        new StationClosureApprovedEvent(VILLAGE, TOWNSHIP))
                .when(new RequestStationClosureCommand(VILLAGE, "again"))
                .expectException(refusedBy("station-status"))
                .expectNoEvents();
    }
}

package cn.daiban.command.consultation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.consultation.ConsultationChannel;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.consultation.MaterialsPreCheckedEvent;
import cn.daiban.kernel.consultation.OneTimeNoticeGivenEvent;
import cn.daiban.kernel.consultation.PreCheckMaterialsCommand;
import cn.daiban.kernel.consultation.RecordConsultationCommand;
import cn.daiban.kernel.delegation.MaterialCheck;
import cn.daiban.kernel.delegation.MaterialCheckStatus;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.ToleratedGap;
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

/**
 * The pre-check at the counter (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`) of a consultation, and the one-time notice
 * it gives (一次性告知单, `003 附件3 六3`, `004 §6.3.2`, `004 §6.3.5`): recorded, with every missing material and how to
 * obtain it, the item's conditions, process, time limit and fees.
 */
class PreCheckTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final StationCode VILLAGE = StationCode.of("140521101201");
    static final ConsultationId ID = ConsultationId.of("3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    static final Instant FRIDAY_MORNING = FRIDAY.atTime(9, 30).atZone(SHANGHAI).toInstant();
    static final ServiceItemCode REAL_ESTATE = ServiceItemCode.of("ZR-001");
    static final ServiceItemCode OTHER = ServiceItemCode.of("GA-001");
    static final StatutoryFee FEE = new StatutoryFee("不动产登记费", 8000, "发改价格规〔2016〕2559号", "沁水县不动产登记中心");
    static final ServiceItemDefinition REAL_ESTATE_ITEM = new ServiceItemDefinition("不动产登记", "自然资源",
            Set.of(StationLevel.COUNTY_CENTRE),
            List.of(new RequiredMaterial("不动产登记申请书", "窗口领取或当场填写", true),
                    new RequiredMaterial("不动产权属来源证明", "原登记机构出具", true),
                    new RequiredMaterial("完税凭证", "县税务局办税服务厅", false)),
            10, List.of(FEE), false, false, "申请人为不动产权利人或其委托代理人",
            List.of("收件预审", "受理", "审核", "登簿", "发证"), null);
    static final ConsultationRecordedEvent RECORDED = new ConsultationRecordedEvent(ID, VILLAGE, null, "李大爷",
            PhoneNumber.of("13812345678"), ConsultationChannel.VISIT, "房子过户要带什么？", FRIDAY);

    private AggregateTestFixture<Consultation> fixture() {
        AggregateTestFixture<Consultation> fixture = new AggregateTestFixture<>(Consultation.class);
        fixture.registerInjectableResource((StationRegistry) code -> Optional.of(new StationRegistry.RegisteredStation(
                VILLAGE, "郑庄村便民服务站", StationLevel.VILLAGE_STATION, StationStatus.OPEN, null, "0356-7021234",
                Set.of("ZR-001"))));
        fixture.registerInjectableResource((AgentRegistry) id -> Optional.empty());
        fixture.registerInjectableResource((ServiceItemCatalog) code -> code.equals(REAL_ESTATE)
                ? Optional.of(new ServiceItemCatalog.PublishedServiceItem(REAL_ESTATE, 3, REAL_ESTATE_ITEM, false))
                : Optional.of(new ServiceItemCatalog.PublishedServiceItem(code, 1, REAL_ESTATE_ITEM, false)));
        fixture.registerInjectableResource((CalendarProvider) () -> WorkingDayCalendar.of(List.of(
                new CalendarYearData(2026, Set.of(), Set.of(), "test"))));
        fixture.registerInjectableResource(ServiceClock.defaults());
        return fixture;
    }

    static MaterialCheck check(String name, MaterialCheckStatus status) {
        return new MaterialCheck(name, status, null);
    }

    /** 004 §6.3.4.2.1 and 003 附件3 六3: what is missing is told at once, in writing, with how to get each, and recorded. */
    @Test
    void oneTimeNotice_aPreCheckWithAMaterialMissingGivesTheNoticeWithEverythingTheItemPublishes() {
        MaterialCheck form = check("不动产登记申请书", MaterialCheckStatus.COMPLETED_ON_SPOT);
        MaterialCheck tax = new MaterialCheck("完税凭证", MaterialCheckStatus.TOLERATED, FRIDAY.plusDays(5));
        MaterialCheck proofMissing = check("不动产权属来源证明", MaterialCheckStatus.MISSING);
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED)
                .when(new PreCheckMaterialsCommand(ID, REAL_ESTATE, List.of(tax, form)))
                .expectEvents(
                        new MaterialsPreCheckedEvent(ID, 1, VILLAGE, REAL_ESTATE, 3, "不动产登记",
                                List.of(form, proofMissing, tax), false, FRIDAY),
                        new OneTimeNoticeGivenEvent(ID, 1, VILLAGE, REAL_ESTATE, 3, "不动产登记", "自然资源",
                                List.of(new MissingMaterial("不动产权属来源证明", "原登记机构出具")),
                                List.of(new ToleratedGap("完税凭证", FRIDAY.plusDays(5))), "申请人为不动产权利人或其委托代理人",
                                List.of("收件预审", "受理", "审核", "登簿", "发证"), 10, List.of(FEE), "0356-7021234",
                                FRIDAY));
    }

    /**
     * A consultation pre-checked was answered in writing (the checklist, or the one-time notice): its reply's day
     * passes without it being reported overdue (004 §6.3.3.1.3 is about what could not be answered directly).
     */
    @Test
    void aPreCheckedConsultationIsNotReportedOverdue() {
        fixture().givenCurrentTime(FRIDAY_MORNING)
                .andGivenCommands(new RecordConsultationCommand(ID, VILLAGE, null, "李大爷",
                                PhoneNumber.of("13812345678"), ConsultationChannel.VISIT, "房子过户要带什么？", null),
                        new PreCheckMaterialsCommand(ID, REAL_ESTATE, List.of()))
                .whenTimeAdvancesTo(LocalDate.of(2026, 12, 1).atTime(8, 0).atZone(SHANGHAI).toInstant())
                .expectNoEvents();
    }

    /** 004 §6.3.5: a visitor who only asks (nothing brought) is told every material of the item. */
    @Test
    void oneTimeNotice_nothingBroughtListsEveryMaterial() {
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED)
                .when(new PreCheckMaterialsCommand(ID, REAL_ESTATE, List.of()))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.axonframework.test.matchers.Matchers.matches(event ->
                                        event instanceof MaterialsPreCheckedEvent checked && !checked.complete())),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.axonframework.test.matchers.Matchers.matches(event ->
                                        event instanceof OneTimeNoticeGivenEvent notice
                                                && notice.missing().stream().map(MissingMaterial::name).toList()
                                                .equals(List.of("不动产登记申请书", "不动产权属来源证明", "完税凭证"))))));
    }

    /** 004 §6.3.4.2.1: materials complete, the pre-check says so and no notice is needed; a second one is numbered. */
    @Test
    void preCheck_completeMaterialsGiveNoNotice() {
        List<MaterialCheck> all = List.of(check("不动产登记申请书", MaterialCheckStatus.RECEIVED),
                check("不动产权属来源证明", MaterialCheckStatus.RECEIVED), check("完税凭证", MaterialCheckStatus.RECEIVED));
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED, new MaterialsPreCheckedEvent(ID, 1, VILLAGE,
                        REAL_ESTATE, 3, "不动产登记", List.of(), false, FRIDAY))
                .when(new PreCheckMaterialsCommand(ID, REAL_ESTATE, all))
                .expectEvents(new MaterialsPreCheckedEvent(ID, 2, VILLAGE, REAL_ESTATE, 3, "不动产登记", all, true, FRIDAY));
    }

    /** 002 代办·委托: the station pre-checks only items it offers, against their own list. */
    @Test
    void itemOffered_andChecklistMaterialListed_preCheckUsesTheCommissioningRules() {
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED)
                .when(new PreCheckMaterialsCommand(ID, OTHER, List.of()))
                .expectException(refusedBy("item-offered", "itemCode")).expectNoEvents();
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED)
                .when(new PreCheckMaterialsCommand(ID, REAL_ESTATE, List.of(check("户口簿", MaterialCheckStatus.RECEIVED))))
                .expectException(refusedBy("checklist-material-listed", "materials")).expectNoEvents();
        fixture().givenCurrentTime(FRIDAY_MORNING).andGiven(RECORDED)
                .when(new PreCheckMaterialsCommand(ID, REAL_ESTATE, List.of(
                        new MaterialCheck("不动产权属来源证明", MaterialCheckStatus.TOLERATED, FRIDAY.plusDays(1)))))
                .expectException(refusedBy("tolerated-material-non-essential", "materials")).expectNoEvents();
    }
}

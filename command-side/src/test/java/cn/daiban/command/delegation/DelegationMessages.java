package cn.daiban.command.delegation;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;

/**
 * The delegation fixture tests' vocabulary: who, where, what and when, the commands and events they send and expect,
 * and builders for the wide ones ({@link #commissioning()}, {@link #commissioned()}) so a test names only what it is
 * about. Like the query side's {@code TestEvents}, each is built once here.
 */
final class DelegationMessages {

    private DelegationMessages() {
    }

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
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

    static final List<MissingMaterial> MISSING = List.of(new MissingMaterial("户口簿", "户籍所在地派出所"),
            new MissingMaterial("银行卡复印件", "社保合作银行网点"));

    static final CompleteDelegationCommand COMPLETE = new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null);
    static final DeliverResultCommand POST = new DeliverResultCommand(ID, DeliveryMethod.POST, "EMS1234567890",
            "邮政签收回执", false);
    static final EvaluateDelegationCommand SATISFIED = new EvaluateDelegationCommand(ID, SatisfactionGrade.SATISFIED,
            SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
            EvaluationChannel.PHONE_FOLLOW_UP, "办得快");
    static final EvaluateDelegationCommand POOR = new EvaluateDelegationCommand(ID, SatisfactionGrade.DISSATISFIED,
            SatisfactionGrade.DISSATISFIED, SatisfactionGrade.BASICALLY_SATISFIED, SatisfactionGrade.DISSATISFIED,
            EvaluationChannel.DEVICE, "等了太久");
    static final ArchiveDelegationCommand ARCHIVE = new ArchiveDelegationCommand(ID, "DA-2026-0001",
            List.of("受理单", "一次性告知单", "办结单"));

    static final WithdrawDelegationCommand WITHDRAW = new WithdrawDelegationCommand(ID, "申请人撤回");
    static final DeclineDelegationCommand DECLINE = new DeclineDelegationCommand(ID, DelegationKind.PROXY, VILLAGE,
            AGENT, PENSION, CLIENT, "不属于代办范围");
    /** The handover of an ended matter (002 帮办·办结): every material listed, signed for by the client. */
    static final HandBackMaterialsCommand HAND_BACK = new HandBackMaterialsCommand(ID,
            List.of("居民身份证复印件", "户口簿原件"), true, "当面清点");
    static final MaterialsHandedBackEvent HANDED_BACK = new MaterialsHandedBackEvent(ID,
            List.of("居民身份证复印件", "户口簿原件"), true, "当面清点", TODAY);

    /** The name the fixture's agent registry gives an agent (DelegationFixtureSupport#agent). */
    static String agentName(AgentId id) {
        return "代办员" + id.value().substring(9, 13);
    }

    /**
     * A step recorded after the fact (补录): the command's metadata as the HTTP layer builds it from
     * {@code X-Occurred-At} and {@code X-Backdating-Reason}.
     */
    static org.axonframework.messaging.MetaData recordedLate(Instant occurredAt, String reason) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put(cn.daiban.kernel.common.MetadataKeys.OCCURRED_AT, occurredAt.toString());
        if (reason != null) {
            values.put(cn.daiban.kernel.common.MetadataKeys.BACKDATING_REASON, reason);
        }
        return org.axonframework.messaging.MetaData.from(values);
    }

    static org.axonframework.messaging.MetaData recordedLate(Instant occurredAt) {
        return recordedLate(occurredAt, "村站纸质登记，次日补录");
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    /** A proxy of {@code item} at window W1 of the village, with the analysis, the leader's sign-off and a note. */
    static CommissionDelegationCommand proxy(ServiceItemCode item) {
        return commissioning().proxy().window("W1").item(item).notes(List.of("请保持电话畅通")).build();
    }

    /** An assist of {@code item} at window W1 of the village. */
    static CommissionDelegationCommand assist(ServiceItemCode item) {
        return commissioning().window("W1").item(item).build();
    }

    /** 不动产登记: decided at county level only, so a village proxy of it goes up and must come back approved. */
    static CommissionDelegationCommand realEstateProxy() {
        return proxy(REAL_ESTATE);
    }

    /** What {@code proxy(PENSION)} commissions today: due Tue 1 Dec (5 working days). */
    static DelegationCommissionedEvent pensionProxyCommissioned() {
        return commissioned().build();
    }

    /**
     * An assist of the pension registration by {@link #AGENT} at the village, with the client's consent, no window
     * and nothing else; {@link Commissioning#proxy()} adds what a proxy needs.
     */
    static Commissioning commissioning() {
        return new Commissioning();
    }

    /** {@link #pensionProxyCommissioned()}, to change what a test is about. */
    static Commissioned commissioned() {
        return new Commissioned();
    }

    /** Builds a {@link CommissionDelegationCommand}; each method names the component it sets. */
    static final class Commissioning {
        private DelegationKind kind = DelegationKind.ASSIST;
        private String window;
        private AgentId agent = AGENT;
        private ServiceItemCode item = PENSION;
        private Client client = CLIENT;
        private boolean consentGiven = true;
        private Integer promisedWorkingDays;
        private NeedsAnalysis needsAnalysis;
        private List<ToleratedGap> toleratedGaps = List.of();
        private List<String> parallelDepartments = List.of();
        private AgentId teamLeader;
        private boolean applicantSigned;
        private List<String> notes = List.of();
        private ServiceMode mode = ServiceMode.ON_SITE;
        private Set<ClientCategoryCode> clientCategories = Set.of();
        private HomeVisitAppointment homeVisit;
        private Instant appliedAt;
        private List<MaterialCheck> materials;
        private DelegationId previous;

        /** A proxy: kind PROXY, the confirmed {@link #ANALYSIS}, {@link #LEADER}'s sign-off, the applicant signed. */
        Commissioning proxy() {
            kind = DelegationKind.PROXY;
            needsAnalysis = ANALYSIS;
            teamLeader = LEADER;
            applicantSigned = true;
            return this;
        }

        Commissioning applicantSigned(boolean value) {
            applicantSigned = value;
            return this;
        }

        Commissioning window(String value) {
            window = value;
            return this;
        }

        Commissioning agent(AgentId value) {
            agent = value;
            return this;
        }

        Commissioning item(ServiceItemCode value) {
            item = value;
            return this;
        }

        Commissioning client(Client value) {
            client = value;
            return this;
        }

        Commissioning consentGiven(boolean value) {
            consentGiven = value;
            return this;
        }

        Commissioning promisedWorkingDays(Integer value) {
            promisedWorkingDays = value;
            return this;
        }

        Commissioning needsAnalysis(NeedsAnalysis value) {
            needsAnalysis = value;
            return this;
        }

        Commissioning toleratedGaps(ToleratedGap... values) {
            toleratedGaps = List.of(values);
            return this;
        }

        Commissioning parallelDepartments(String... values) {
            parallelDepartments = List.of(values);
            return this;
        }

        Commissioning teamLeader(AgentId value) {
            teamLeader = value;
            return this;
        }

        Commissioning notes(List<String> values) {
            notes = values;
            return this;
        }

        Commissioning mode(ServiceMode value) {
            mode = value;
            return this;
        }

        Commissioning clientCategories(String... codes) {
            clientCategories = Stream.of(codes).map(ClientCategoryCode::of).collect(Collectors.toSet());
            return this;
        }

        /** HOME_VISIT mode with this agreement. */
        Commissioning homeVisit(HomeVisitAppointment value) {
            mode = ServiceMode.HOME_VISIT;
            homeVisit = value;
            return this;
        }

        /** The pre-check checklist (资料预审); by default none is given, as before the checklist. */
        Commissioning materials(MaterialCheck... values) {
            materials = List.of(values);
            return this;
        }

        CommissionDelegationCommand build() {
            return new CommissionDelegationCommand(
                    ID,
                    kind,
                    mode,
                    VILLAGE,
                    window,
                    agent,
                    item,
                    client,
                    consentGiven,
                    promisedWorkingDays,
                    needsAnalysis,
                    toleratedGaps,
                    parallelDepartments,
                    teamLeader,
                    applicantSigned,
                    notes,
                    false,
                    null,
                    previous,
                    clientCategories,
                    homeVisit,
                    appliedAt,
                    materials);
        }

        Commissioning appliedAt(Instant value) {
            appliedAt = value;
            return this;
        }

        /** A re-application of {@code value} (001 §6.4.2). */
        Commissioning previous(DelegationId value) {
            previous = value;
            return this;
        }
    }

    /** Builds a {@link DelegationCommissionedEvent}; by default what {@code proxy(PENSION)} commissions today. */
    static final class Commissioned {
        private DelegationKind kind = DelegationKind.PROXY;
        private String window = "W1";
        private AgentId agent = AGENT;
        private AcceptanceFormNumber form = FORM;
        private LocalDate commissionedOn = TODAY;
        private int promisedWorkingDays = 5;
        private LocalDate deadline = LocalDate.of(2026, 12, 1);
        private ServiceMode mode = ServiceMode.ON_SITE;
        private Set<ClientCategoryCode> clientCategories = Set.of();
        private HomeVisitAppointment homeVisit;

        /** As stored before categories and home visits existed: both components absent (null). */
        Commissioned storedBeforeClientCategories() {
            clientCategories = null;
            homeVisit = null;
            return this;
        }

        Commissioned clientCategories(String... codes) {
            clientCategories = Stream.of(codes).map(ClientCategoryCode::of).collect(Collectors.toSet());
            return this;
        }

        /** HOME_VISIT mode with this agreement. */
        Commissioned homeVisit(HomeVisitAppointment value) {
            mode = ServiceMode.HOME_VISIT;
            homeVisit = value;
            return this;
        }

        private Instant appliedAt = NOW;

        Commissioned appliedAt(Instant value) {
            appliedAt = value;
            return this;
        }
        private List<ToleratedGap> toleratedGaps = List.of();
        private List<MaterialCheck> materials;

        private Boolean deadlineProvisional;

        /** The deadline reaches into a year not loaded: provisional. */
        Commissioned provisional() {
            deadlineProvisional = Boolean.TRUE;
            return this;
        }

        Commissioned kind(DelegationKind value) {
            kind = value;
            return this;
        }

        Commissioned window(String value) {
            window = value;
            return this;
        }

        Commissioned agent(AgentId value) {
            agent = value;
            return this;
        }

        Commissioned form(AcceptanceFormNumber value) {
            form = value;
            return this;
        }

        Commissioned on(LocalDate day, int promised, LocalDate due) {
            commissionedOn = day;
            promisedWorkingDays = promised;
            deadline = due;
            return this;
        }

        Commissioned toleratedGaps(ToleratedGap... values) {
            toleratedGaps = List.of(values);
            return this;
        }

        /** The checklist as recorded (every material of the item); null by default, as before the checklist. */
        Commissioned materials(MaterialCheck... values) {
            materials = List.of(values);
            return this;
        }

        DelegationCommissionedEvent build() {
            return new DelegationCommissionedEvent(
                    ID,
                    kind,
                    mode,
                    VILLAGE,
                    window,
                    agent,
                    PENSION,
                    2,
                    PENSION_ITEM.name(),
                    "人社",
                    PENSION_ITEM.authorityLevels(),
                    List.of(),
                    CLIENT,
                    form,
                    ANALYSIS,
                    toleratedGaps,
                    List.of(),
                    LEADER,
                    true,
                    List.of("请保持电话畅通"),
                    "0356-7021234",
                    false,
                    false,
                    commissionedOn,
                    promisedWorkingDays,
                    deadline,
                    null,
                    null,
                    clientCategories,
                    homeVisit,
                    agentName(agent),
                    kind == DelegationKind.PROXY ? agentName(LEADER) : null,
                    appliedAt,
                    kind == DelegationKind.PROXY ? ApplicantCommitments.CURRENT : null,
                    materials,
                    deadlineProvisional);
        }
    }
}

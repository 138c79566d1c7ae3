package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.catalogue.MaterialChecklist;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.clientcategory.ClientCategories;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.delegation.DeclineDelegationCommand;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.HomeVisitAppointment;
import cn.daiban.kernel.delegation.MaterialCheck;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.NeedsAnalysis;
import cn.daiban.kernel.delegation.ToleratedGap;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;

/**
 * Who may take which matter for whom: the rules checked before a delegation is commissioned (and, for the proxy
 * rules, before an assist becomes a proxy). Each method is one rule, or one reference with the rules about it, and
 * throws the refusal named in {@link DelegationRules}.
 */
final class CommissioningRules {

    private CommissioningRules() {
    }

    /** The station exists and is open ({@code station-open}). */
    static StationRegistry.RegisteredStation openStation(StationCode code, StationRegistry stations) {
        StationRegistry.RegisteredStation station = stations.find(code).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + code));
        if (station.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated(STATION_OPEN, "stationCode",
                    "only an open station takes delegations; " + code + " is " + station.status());
        }
        return station;
    }

    /** The responsible agent works at the station, is active and qualified (003 附件4 一2). */
    static void responsibleAgent(AgentId agentId, StationCode station, AgentRegistry agents, String field) {
        AgentRegistry.RegisteredAgent agent = agents.find(agentId).orElseThrow(() ->
                DomainRuleException.unknownReference(field, "no agent " + agentId));
        if (!agent.stationCode().equals(station)) {
            throw DomainRuleException.ruleViolated(AGENT_OF_STATION, field,
                    agent.name() + " works at " + agent.stationCode() + ", not at " + station);
        }
        if (!agent.active()) {
            throw DomainRuleException.ruleViolated(AGENT_ACTIVE, field, agent.name() + " is deactivated");
        }
        if (!agent.qualified()) {
            throw DomainRuleException.ruleViolated(AGENT_QUALIFIED, field, agent.name()
                    + " is not qualified yet: 上岗考核 passed and one year of intake experience (003 附件4 一2)");
        }
    }

    /** The item is published (not withdrawn) and the station offers it (shared with the pre-check). */
    static ServiceItemCatalog.PublishedServiceItem offeredItem(ServiceItemCode code,
                                                               StationRegistry.RegisteredStation station,
                                                               ServiceItemCatalog catalog) {
        return MaterialChecklist.offeredItem(code, station, catalog);
    }

    /** 自愿: a delegation needs the client's free consent (000 §4.1). */
    static void clientConsent(boolean consentGiven) {
        if (!consentGiven) {
            throw DomainRuleException.ruleViolated(CLIENT_CONSENT, "consentGiven",
                    "a delegation needs the client's free consent (自愿, 000 §4.1)");
        }
    }

    /**
     * 000 §4.1 涉及个人隐私的情况不应代（帮）办: an item that touches personal privacy is neither proxied nor assisted.
     * A proxy keeps its older refusal ({@code privacy-item-not-proxied}, checked in {@link #proxyAllowed}); any other
     * kind is refused here. The client is guided to handle it in person; that guidance is what the consultation
     * records as its result (咨询 处理结果, 002 代办服务流程·服务咨询), not a delegation.
     */
    static void notAPrivacyItem(ServiceItemDefinition definition) {
        if (definition.touchesPrivacy()) {
            throw DomainRuleException.ruleViolated(NO_DELEGATION_OF_PRIVACY_ITEMS, "itemCode",
                    definition.name() + " touches personal privacy: it is neither assisted nor proxied (不应代（帮）办,"
                            + " 000 §4.1); guide the client to handle it in person and record that on the consultation");
        }
    }

    /**
     * What a proxy (代办) needs beyond an assist: an item that does not touch privacy, an identified client, a
     * confirmed needs analysis, the applicant's signature and an active team leader's sign-off.
     */
    static void proxyAllowed(ServiceItemDefinition definition, Client client, NeedsAnalysis analysis,
                             AgentId teamLeaderId, boolean applicantSigned, StationCode station,
                             AgentRegistry agents) {
        if (definition.touchesPrivacy()) {
            throw DomainRuleException.ruleViolated(PRIVACY_ITEM_NOT_PROXIED, "kind",
                    definition.name() + " touches personal privacy: it is neither proxied nor assisted (不应代（帮）办, 000 §4.1)");
        }
        if (!client.identifiedForProxy()) {
            String field = client.phone() == null ? "client.phone"
                    : client.kind() == ClientKind.CITIZEN ? "client.residentId" : "client.creditCode";
            throw DomainRuleException.ruleViolated(PROXY_CLIENT_IDENTIFIED, field,
                    "a proxy needs the client's resident ID (or credit code) and phone number");
        }
        if (analysis == null || !analysis.confirmedByClient()) {
            throw DomainRuleException.ruleViolated(NEEDS_ANALYSIS_CONFIRMED, "needsAnalysis",
                    "a proxy needs a needs analysis confirmed with the client (002 代办服务流程)");
        }
        if (!applicantSigned) {
            throw DomainRuleException.ruleViolated(APPLICANT_SIGNED, "applicantSigned",
                    "the applicant signs the acceptance form");
        }
        if (teamLeaderId == null) {
            throw DomainRuleException.ruleViolated(TEAM_LEADER_SIGN_OFF, "teamLeaderId",
                    "the acceptance form carries the team leader's sign-off (队长签字)");
        }
        AgentRegistry.RegisteredAgent leader = agents.find(teamLeaderId).orElseThrow(() ->
                DomainRuleException.unknownReference("teamLeaderId", "no agent " + teamLeaderId));
        if (leader.role() != AgentRole.ZONE_LEAD || !leader.active() || !leader.stationCode().equals(station)) {
            throw DomainRuleException.ruleViolated(TEAM_LEADER_SIGN_OFF, "teamLeaderId",
                    leader.name() + " is not an active team leader (队长) of " + station);
        }
    }

    /** 限时办结: the promised limit defaults to the published one and may be shorter, never longer. */
    static int promisedWithinPublishedLimit(Integer promisedWorkingDays, ServiceItemDefinition definition) {
        int promised = promisedWorkingDays == null ? definition.timeLimitWorkingDays() : promisedWorkingDays;
        if (promised > definition.timeLimitWorkingDays()) {
            throw DomainRuleException.ruleViolated(PUBLISHED_LIMIT, "promisedWorkingDays",
                    "the promised limit may be shorter than the published " + definition.timeLimitWorkingDays()
                            + " working days, never longer");
        }
        return promised;
    }

    /**
     * 资料预审 (`004 §6.3.4.2.1`): with a checklist, every material of the item is recorded with how it stands, and a
     * proxy needs them in hand or tolerated. Without one (senders from before the checklist) nothing is pre-checked:
     * null.
     */
    static List<MaterialCheck> preChecked(List<MaterialCheck> materials, ServiceItemDefinition definition,
                                          boolean proxy, LocalDate today) {
        if (materials.isEmpty()) {
            return null;
        }
        List<MaterialCheck> checklist = MaterialChecklist.complete(definition, materials, today);
        if (proxy) {
            MaterialChecklist.proxyMaterialsComplete(definition, checklist);
        }
        return checklist;
    }

    /**
     * 申请时间 (002 表A.2): when the client applied, never after the acceptance (受理时间, {@code acceptedAt});
     * absent, the client applied at the acceptance ({@code applied-before-accepted}).
     */
    static Instant appliedBeforeAccepted(Instant appliedAt, Instant acceptedAt) {
        Instant applied = appliedAt == null ? acceptedAt : appliedAt;
        if (applied.isAfter(acceptedAt)) {
            throw DomainRuleException.ruleViolated(APPLIED_BEFORE_ACCEPTED, "appliedAt",
                    "the application time (申请时间) cannot be after its acceptance (受理时间)");
        }
        return applied;
    }

    /** 容缺受理: only listed, non-essential materials may be missing, each with a committed date not in the past. */
    static void toleratedGaps(List<ToleratedGap> gaps, ServiceItemDefinition definition, LocalDate today) {
        for (ToleratedGap gap : gaps) {
            Optional<RequiredMaterial> material = definition.materials().stream()
                    .filter(candidate -> candidate.name().equals(gap.materialName())).findFirst();
            if (material.isEmpty()) {
                throw DomainRuleException.ruleViolated(TOLERATED_MATERIAL_LISTED, "toleratedGaps",
                        gap.materialName() + " is not a material of " + definition.name());
            }
            if (material.get().essential()) {
                throw DomainRuleException.ruleViolated(TOLERATED_MATERIAL_NON_ESSENTIAL, "toleratedGaps",
                        gap.materialName() + " is essential: only non-essential materials may be missing (容缺受理)");
            }
            if (gap.committedDate().isBefore(today)) {
                throw DomainRuleException.ruleViolated(COMMITTED_DATE_NOT_PAST, "toleratedGaps",
                        "the committed date for " + gap.materialName() + " is in the past");
            }
        }
    }

    /** 并联办理 involves at least two departments. */
    static void parallelHandling(List<String> departments) {
        if (departments.size() == 1) {
            throw DomainRuleException.ruleViolated(PARALLEL_HANDLING, "parallelDepartments",
                    "parallel handling (并联办理) involves at least two departments");
        }
    }

    /**
     * 002 服务对象: a client carries only categories of the client-category list, which administrators extend
     * ({@code client-category-listed}, field {@code clientCategories}).
     */
    static void clientCategoriesListed(Set<ClientCategoryCode> codes, ClientCategories categories) {
        Set<ClientCategoryCode> unknown = categories.unknown(codes);
        if (!unknown.isEmpty()) {
            throw DomainRuleException.ruleViolated(CLIENT_CATEGORY_LISTED, "clientCategories",
                    "not in the client-category list (002 服务对象): " + new java.util.TreeSet<>(
                            unknown.stream().map(ClientCategoryCode::value).toList())
                            + "; an administrator adds a category to the list first");
        }
    }

    /**
     * 001 §6.4.2 (对未代办成功的事项…协助重新办理): a matter taken on again names an earlier one that exists
     * ({@code reference-exists}) and ended without a result: completed unsuccessfully, terminated or withdrawn, or
     * declined ({@code reapplies-an-unsuccessful-matter}; not one still in hand, nor one that succeeded). Assumption:
     * the earlier matter may be of another station (a client may apply again elsewhere); the views show the link within
     * each reader's jurisdiction.
     */
    static void reappliesAnUnsuccessfulMatter(DelegationId previous, EarlierMatters earlierMatters) {
        if (previous == null) {
            return;
        }
        EarlierMatters.Outcome outcome = earlierMatters.outcome(previous).orElseThrow(() ->
                DomainRuleException.unknownReference("previousDelegationId", "no matter " + previous));
        if (outcome != EarlierMatters.Outcome.UNSUCCESSFUL) {
            throw DomainRuleException.ruleViolated(REAPPLIES_AN_UNSUCCESSFUL_MATTER, "previousDelegationId",
                    "a matter is applied for again after one that ended without a result (未代办成功), not after one "
                            + (outcome == EarlierMatters.Outcome.OPEN ? "still in hand" : "that succeeded"));
        }
    }

    /**
     * 上门代办 (000 §7.2.2 b, 003 附件3 六5: 在约定时间提供上门服务): a delegation in HOME_VISIT mode needs the agreed time
     * and the client's address ({@code home-visit-agreed}, naming the missing one); an agreement on a delegation in
     * another mode is refused ({@code home-visit-mode}) rather than kept unseen.
     */
    static void homeVisitAgreed(ServiceMode mode, HomeVisitAppointment visit) {
        if (mode != ServiceMode.HOME_VISIT) {
            if (visit != null && (visit.agreedAt() != null || visit.address() != null)) {
                throw DomainRuleException.ruleViolated(HOME_VISIT_MODE, "homeVisit",
                        "a home visit is agreed for a delegation in HOME_VISIT mode (上门代办) only, not " + mode);
            }
            return;
        }
        requireAgreed(visit);
    }

    /** Both the time and the address of a home visit ({@code home-visit-agreed}). */
    static void requireAgreed(HomeVisitAppointment visit) {
        if (visit == null || visit.agreedAt() == null) {
            throw DomainRuleException.ruleViolated(HOME_VISIT_AGREED, "homeVisit.agreedAt",
                    "a home visit (上门代办) needs the time agreed with the client (003 附件3 六5: 在约定时间提供上门服务)");
        }
        if (visit.address() == null) {
            throw DomainRuleException.ruleViolated(HOME_VISIT_AGREED, "homeVisit.address",
                    "a home visit (上门代办) needs the client's address (000 §7.2.2 b)");
        }
    }

    /**
     * An intake refused (不予受理, `002 委托`): the station and the receiver must exist; the event names the receiver as
     * registered and, for 004 附录D, the catalogue's item and its department (事项所属), else the matter in the
     * client's words (申请事项; no department known), and the window where it was refused.
     */
    static DelegationDeclinedEvent declinedIntake(DeclineDelegationCommand command, StationRegistry stations,
                                                  AgentRegistry agents, ServiceItemCatalog catalog, LocalDate today) {
        stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        String agentName = agents.find(command.agentId()).orElseThrow(() ->
                DomainRuleException.unknownReference("agentId", "no agent " + command.agentId())).name();
        Optional<ServiceItemDefinition> item = Optional.ofNullable(command.itemCode()).flatMap(catalog::find)
                .map(ServiceItemCatalog.PublishedServiceItem::definition);
        return new DelegationDeclinedEvent(command.delegationId(), command.kind(), command.stationCode(),
                command.agentId(), command.itemCode(), item.map(ServiceItemDefinition::name).orElse(command.itemAsked()),
                command.client(), command.reason(), today, agentName, command.window(),
                item.map(ServiceItemDefinition::department).orElse(null));
    }
}

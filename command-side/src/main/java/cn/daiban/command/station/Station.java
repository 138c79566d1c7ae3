package cn.daiban.command.station;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.ApproveStationChangeCommand;
import cn.daiban.kernel.station.ApproveStationClosureCommand;
import cn.daiban.kernel.station.ApproveStationOpeningCommand;
import cn.daiban.kernel.station.RefuseStationChangeCommand;
import cn.daiban.kernel.station.RefuseStationClosureCommand;
import cn.daiban.kernel.station.RefuseStationOpeningCommand;
import cn.daiban.kernel.station.RequestStationChangeCommand;
import cn.daiban.kernel.station.RequestStationClosureCommand;
import cn.daiban.kernel.station.RequestStationOpeningCommand;
import cn.daiban.kernel.station.StationChangeApprovedEvent;
import cn.daiban.kernel.station.StationChangeRefusedEvent;
import cn.daiban.kernel.station.StationChangeRequestedEvent;
import cn.daiban.kernel.station.StationClosureApprovedEvent;
import cn.daiban.kernel.station.StationClosureRefusedEvent;
import cn.daiban.kernel.station.StationClosureRequestedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRefusedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.OfficeEquipment;
import cn.daiban.kernel.station.SiteConditions;
import cn.daiban.kernel.station.StationStatus;
import cn.daiban.kernel.station.StationStatisticsSubmittedEvent;
import cn.daiban.kernel.station.SubmitStationStatisticsCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A station (便民服务站 or service centre) and its applications (`004 §5.4.1`, appendices A–C). Every handler
 * answers with the aggregate's version after the step.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Station {

    @AggregateIdentifier
    private StationCode stationCode;
    private StationLevel level;
    private StationCode parentCode;
    private StationStatus status;
    private StationChangeRequestedEvent pendingChange;
    private boolean closurePending;
    private final java.util.Set<String> submittedPeriods = new java.util.HashSet<>();

    Station() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RequestStationOpeningCommand command, StationRegistry registry, ServiceItemCatalog catalog) {
        requireOfferable(command.serviceItemCodes(), catalog);
        if (registry.find(command.stationCode()).isPresent()) {
            throw DomainRuleException.illegalTransition("station-code-unique",
                    "station code " + command.stationCode() + " is already taken");
        }
        requireCodeUnder(command.region(), command.stationCode(), "station-code-in-region", "region",
                "its own region");
        if (command.parentCode() != null) {
            StationRegistry.RegisteredStation parent = registry.find(command.parentCode())
                    .orElseThrow(() -> DomainRuleException.unknownReference("parentCode",
                            "no station with code " + command.parentCode()));
            if (!command.level().parentLevels().contains(parent.level())) {
                throw DomainRuleException.ruleViolated("parent-level", "parentCode",
                        "a " + command.level() + " reports to a " + command.level().parentLevels()
                                + ", not to a " + parent.level());
            }
            if (parent.status() != StationStatus.OPEN) {
                throw DomainRuleException.ruleViolated("parent-open", "parentCode",
                        "the parent station " + parent.code() + " is " + parent.status() + ", not OPEN");
            }
            if (parent.region() != null) {
                requireCodeUnder(parent.region(), command.stationCode(), "station-code-in-parent-region",
                        "stationCode", "the region of its parent station " + parent.code());
            }
        }
        if (command.level() == StationLevel.PARTNER_OUTLET) {
            requireOpeningConditions(command.siteConditions());
        }
        apply(new StationOpeningRequestedEvent(command.stationCode(), command.name(), command.level(),
                command.parentCode(), command.hostType(), command.region(), command.address(), command.manager(),
                command.supervisionPhone(), command.windows(), command.serviceItemCodes(), command.siteConditions()));
        return getVersion();
    }

    /**
     * A partner outlet — the 便民服务站 `004` governs (`004 §3.1`: 设在银行、邮政、电信网点、园区、商场、楼宇等场所) — applies
     * with its 申请条件 stated (`004 §5.4.1.1` 满足开设条件的便民服务站可…提交申请, `004 附录A`; rule
     * {@code opening-conditions-stated}): one or two staff (`004 §5.3.1`; {@code opening-staffing-one-or-two}) and the
     * basic equipment (`004 §5.2.1`; {@code opening-basic-equipment}). Whether the site is spacious and the host stable
     * is stated for the approver to weigh, not decided here.
     */
    private static void requireOpeningConditions(SiteConditions conditions) {
        if (conditions == null) {
            throw DomainRuleException.ruleViolated("opening-conditions-stated", "siteConditions",
                    "a partner outlet's application states its 申请条件 (004 附录A): the applying organisation, foot "
                            + "traffic, staff, equipment, whether the place is spacious and bright and the host stable");
        }
        if (conditions.staffCount() > 2) {
            throw DomainRuleException.ruleViolated("opening-staffing-one-or-two", "siteConditions.staffCount",
                    "a 便民服务站 has one or two staff (004 §5.3.1), not " + conditions.staffCount());
        }
        if (!conditions.missingBasicEquipment().isEmpty()) {
            throw DomainRuleException.ruleViolated("opening-basic-equipment", "siteConditions.equipment",
                    "a 便民服务站 has at the least 办公电话、计算机、打印机、办公桌椅和资料柜 (004 §5.2.1); missing: "
                            + conditions.missingBasicEquipment().stream().map(OfficeEquipment::label).toList());
        }
    }

    @CommandHandler
    long handle(ApproveStationOpeningCommand command) {
        requireStatus(StationStatus.APPLIED, "approve the opening of");
        requireSupervisingLevel(command.approverStationCode());
        apply(new StationOpeningApprovedEvent(stationCode, command.approverStationCode(), command.remark()));
        return getVersion();
    }

    @CommandHandler
    long handle(RefuseStationOpeningCommand command) {
        requireStatus(StationStatus.APPLIED, "refuse the opening of");
        requireSupervisingLevel(command.approverStationCode());
        apply(new StationOpeningRefusedEvent(stationCode, command.approverStationCode(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(RequestStationChangeCommand command, ServiceItemCatalog catalog) {
        requireStatus(StationStatus.OPEN, "change");
        if (command.serviceItemCodes() != null) {
            requireOfferable(command.serviceItemCodes(), catalog);
        }
        if (pendingChange != null) {
            throw DomainRuleException.illegalTransition("one-pending-change",
                    "change " + pendingChange.changeId() + " is still awaiting a decision");
        }
        if (closurePending) {
            throw DomainRuleException.illegalTransition("no-change-while-closing",
                    "the station has applied to close");
        }
        apply(new StationChangeRequestedEvent(stationCode, command.changeId(), command.manager(), command.windows(),
                command.serviceItemCodes(), command.reason(), command.address()));
        return getVersion();
    }

    @CommandHandler
    long handle(ApproveStationChangeCommand command) {
        requirePendingChange(command.changeId());
        requireSupervisingLevel(command.approverStationCode());
        StationChangeRequestedEvent requested = pendingChange;
        apply(new StationChangeApprovedEvent(stationCode, command.changeId(), requested.manager(),
                requested.windows(), requested.serviceItemCodes(), command.approverStationCode(),
                requested.address()));
        return getVersion();
    }

    @CommandHandler
    long handle(RefuseStationChangeCommand command) {
        requirePendingChange(command.changeId());
        requireSupervisingLevel(command.approverStationCode());
        apply(new StationChangeRefusedEvent(stationCode, command.changeId(), command.approverStationCode(),
                command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(RequestStationClosureCommand command, UnfinishedDelegations unfinished) {
        requireStatus(StationStatus.OPEN, "close");
        requireNoUnfinishedDelegations(unfinished);
        if (closurePending) {
            throw DomainRuleException.illegalTransition("one-pending-closure", "closure already applied for");
        }
        apply(new StationClosureRequestedEvent(stationCode, command.reason()));
        return getVersion();
    }

    /**
     * 004 §5.4.1.3 (通过审核后注销): checked again when the closure is approved, since the station stays open while
     * its closure is pending and may have taken matters in meanwhile; they are finished (or the closure refused)
     * before it closes, so no client's matter is left with a station that no longer exists.
     */
    @CommandHandler
    long handle(ApproveStationClosureCommand command, UnfinishedDelegations unfinished) {
        requireClosurePending();
        requireSupervisingLevel(command.approverStationCode());
        requireNoUnfinishedDelegations(unfinished);
        apply(new StationClosureApprovedEvent(stationCode, command.approverStationCode()));
        return getVersion();
    }

    private void requireNoUnfinishedDelegations(UnfinishedDelegations unfinished) {
        long open = unfinished.at(stationCode);
        if (open > 0) {
            throw DomainRuleException.ruleViolated("no-unfinished-delegations", null,
                    "station " + stationCode + " is still responsible for " + open
                            + " unfinished delegation(s): finish or transfer them first");
        }
    }

    @CommandHandler
    long handle(RefuseStationClosureCommand command) {
        requireClosurePending();
        requireSupervisingLevel(command.approverStationCode());
        apply(new StationClosureRefusedEvent(stationCode, command.approverStationCode(), command.reason()));
        return getVersion();
    }

    /**
     * Station codes are region-prefixed (the division code and a serial, e.g. 140521101201 in 140521101): a station's
     * code begins with its own region, and with its parent's region, so it lies in the area it reports to. Assumed:
     * a region is "under" another when it begins with it (GB/T 2260 and the statistics bureau's codes are
     * hierarchical by prefix); a station may name a coarser region than its code (a township centre in 140521).
     */
    private static void requireCodeUnder(RegionCode region, StationCode code, String rule, String field,
                                         String whose) {
        if (!code.value().startsWith(region.value())) {
            throw DomainRuleException.ruleViolated(rule, field, "station code " + code + " does not lie under "
                    + whose + " (" + region + "): a station's code begins with its region's division code");
        }
    }

    /** A station offers only published items that are still in the catalogue. */
    private static void requireOfferable(Set<String> codes, ServiceItemCatalog catalog) {
        for (String code : codes) {
            ServiceItemCode itemCode;
            try {
                itemCode = ServiceItemCode.of(code);
            } catch (IllegalArgumentException e) {
                throw DomainRuleException.unknownReference("serviceItemCodes", "no service item " + code);
            }
            ServiceItemCatalog.PublishedServiceItem item = catalog.find(itemCode).orElseThrow(() ->
                    DomainRuleException.unknownReference("serviceItemCodes", "no service item " + code));
            if (item.withdrawn()) {
                throw DomainRuleException.ruleViolated("item-published", "serviceItemCodes",
                        code + " has been withdrawn from the catalogue");
            }
        }
    }

    @CommandHandler
    long handle(cn.daiban.kernel.appointment.PublishBookingScheduleCommand command) {
        requireStatus(StationStatus.OPEN, "publish booking slots of");
        apply(new cn.daiban.kernel.appointment.BookingSchedulePublishedEvent(stationCode, command.windows(),
                command.homeVisits()));
        return getVersion();
    }

    @CommandHandler
    long handle(SubmitStationStatisticsCommand command) {
        if (status == StationStatus.APPLIED || status == StationStatus.REFUSED) {
            throw DomainRuleException.illegalTransition("station-status",
                    "station " + stationCode + " is " + status + ": it has no statistics to submit");
        }
        boolean correction = submittedPeriods.contains(command.period());
        if (correction && command.correctionReason() == null) {
            throw DomainRuleException.illegalTransition("submitted-once",
                    "statistics for " + command.period() + " were submitted already: a correction needs a reason");
        }
        StatisticsCorrections.requireOncePerFigure(command.corrections());
        apply(new StationStatisticsSubmittedEvent(stationCode, command.period(), parentCode, command.figures(),
                correction, command.correctionReason(), command.remarks(),
                command.corrections().isEmpty() ? null : command.corrections()));
        return getVersion();
    }

    private void requireStatus(StationStatus expected, String action) {
        if (status != expected) {
            throw DomainRuleException.illegalTransition("station-status",
                    "cannot " + action + " station " + stationCode + ": it is " + status + ", not " + expected);
        }
    }

    private void requirePendingChange(String changeId) {
        if (pendingChange == null || !Objects.equals(pendingChange.changeId(), changeId)) {
            throw DomainRuleException.illegalTransition("change-pending",
                    "change " + changeId + " is not awaiting a decision on station " + stationCode);
        }
    }

    private void requireClosurePending() {
        if (!closurePending) {
            throw DomainRuleException.illegalTransition("closure-pending",
                    "station " + stationCode + " has not applied to close");
        }
    }

    /** Approval belongs to the station's supervising level (`004 §5.4.1`): its parent station. */
    private void requireSupervisingLevel(StationCode approverStationCode) {
        if (parentCode != null && !parentCode.equals(approverStationCode)) {
            throw DomainRuleException.ruleViolated("approval-by-supervising-level", "approverStationCode",
                    "only the supervising station " + parentCode + " may decide on " + stationCode
                            + ", not " + approverStationCode);
        }
    }

    @EventSourcingHandler
    void on(StationOpeningRequestedEvent event) {
        stationCode = event.stationCode();
        level = event.level();
        parentCode = event.parentCode();
        status = StationStatus.APPLIED;
    }

    @EventSourcingHandler
    void on(StationOpeningApprovedEvent event) {
        status = StationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(StationOpeningRefusedEvent event) {
        status = StationStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(StationChangeRequestedEvent event) {
        pendingChange = event;
    }

    @EventSourcingHandler
    void on(StationChangeApprovedEvent event) {
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(StationChangeRefusedEvent event) {
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(StationClosureRequestedEvent event) {
        closurePending = true;
    }

    @EventSourcingHandler
    void on(StationClosureApprovedEvent event) {
        closurePending = false;
        status = StationStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(StationStatisticsSubmittedEvent event) {
        submittedPeriods.add(event.period());
    }

    @EventSourcingHandler
    void on(StationClosureRefusedEvent event) {
        closurePending = false;
    }
}

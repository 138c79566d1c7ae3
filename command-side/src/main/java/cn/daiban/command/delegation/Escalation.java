package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationEscalatedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.EscalateDelegationCommand;
import cn.daiban.kernel.delegation.EscalationHopOverdueEvent;
import cn.daiban.kernel.delegation.RecordUpperLevelDecisionCommand;
import cn.daiban.kernel.delegation.ResultReturnedEvent;
import cn.daiban.kernel.delegation.ReturnResultCommand;
import cn.daiban.kernel.delegation.UpperLevelDecisionRecordedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import cn.daiban.kernel.common.MetadataKeys;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The escalation path of a matter outside the station's authority (上传 to a level that has it, the decision, the
 * result back down), and the checks that it is forwarded in time and that no hop stalls. A member of
 * {@link Delegation}: it sees every event of the delegation.
 */
class Escalation {

    /** One step of a cross-level matter: sent up, decided, and the result back down. */
    private record Hop(int number, StationCode target, Boolean approved, boolean returned) {
    }

    private final Delegation delegation;
    private boolean outsideAuthority;
    private Set<StationLevel> authorityLevels = Set.of();
    private final List<Hop> hops = new ArrayList<>();

    Escalation(Delegation delegation) {
        this.delegation = delegation;
    }

    /** The station's own level may not decide the item: the matter goes up and must come back approved. */
    boolean outsideAuthority() {
        return outsideAuthority;
    }

    /** An approval has come back down from a level with authority. */
    boolean approvalReturned() {
        return hops.stream().anyMatch(hop -> Boolean.TRUE.equals(hop.approved()) && hop.returned());
    }

    /**
     * A matter commissioned outside the station's authority is to be forwarded (escalated) within the policy's
     * working days: checked on that date (hop 0, see {@link #onHopDue}).
     */
    void scheduleForwardingCheck(LocalDate today, WorkingDayCalendar calendar, DelegationPolicy policy,
                                 DeadlineManager deadlines) {
        LocalDate forwardBy = WorkingDays.onCalendar(() ->
                calendar.addWorkingDays(today, policy.forwardWithinWorkingDays()));
        delegation.schedule(deadlines, Delegation.endOf(forwardBy, policy), Delegation.HOP_DUE,
                new Delegation.DeadlineCheck(forwardBy, 0));
    }

    @CommandHandler
    long handle(EscalateDelegationCommand command, StationRegistry stations, CalendarProvider calendars,
                DelegationPolicy policy, DeadlineManager deadlines) {
        delegation.requireStatus("escalate", DelegationStatus.HANDLING);
        if (approvalReturned()) {
            throw DomainRuleException.ruleViolated(ESCALATE_UNTIL_APPROVED, null,
                    "the approval came back down: the matter is completed and delivered, not sent up again");
        }
        // Escalation (上传 to a level with authority) is for a matter the station's own level may not decide; the
        // item's deciding levels are those of the catalogue revision the matter was commissioned under, as for the
        // completion's authority rule, so a later revision of the item does not change what this matter needs.
        if (!outsideAuthority) {
            throw DomainRuleException.ruleViolated(ESCALATE_ONLY_OUTSIDE_AUTHORITY, null,
                    "station " + delegation.originStation() + " may decide " + delegation.itemCode()
                            + " at its own level (levels with authority: " + authorityLevels
                            + "): it completes the matter itself");
        }
        StationRegistry.RegisteredStation target = stations.find(command.targetStationCode())
                .orElseThrow(() -> DomainRuleException.unknownReference("targetStationCode",
                        "no station " + command.targetStationCode()));
        if (target.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated(STATION_OPEN, "targetStationCode",
                    "station " + target.code() + " is " + target.status() + ", not OPEN");
        }
        if (!authorityLevels.contains(target.level())) {
            throw DomainRuleException.ruleViolated(ESCALATE_TO_AUTHORITY, "targetStationCode",
                    "a " + target.level() + " has no authority over this matter; levels with authority: "
                            + authorityLevels);
        }
        List<StationCode> above = stationsAbove(delegation.originStation(), stations);
        if (!above.isEmpty() && !above.contains(target.code())) {
            throw DomainRuleException.ruleViolated(ESCALATE_UPWARDS, "targetStationCode",
                    "station " + target.code() + " is not above " + delegation.originStation()
                            + ", where the matter was taken in (the stations above it: " + above
                            + "); a matter goes up its own line (000 §7.2.3 c)");
        }
        // A matter escalates only while HANDLING at the station that took it in: never while a hop has it, and
        // after a hop's result came back down, from there again. A refused hop's result returned (材料不全), the agent
        // gathers what was missing and sends the matter up again, to the same centre if need be (补充后再次上报), as
        // a new hop. Assumption: the seeds do not limit the tries.
        StationCode from = delegation.originStation();
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate today = Delegation.today(policy);
        LocalDate deadline = delegation.timeLimit().deadline();
        LocalDate hopDue = WorkingDays.latest(today, WorkingDays.onCalendar(() ->
                calendar.minusWorkingDays(deadline, policy.returnWorkingDays())));
        int number = hops.size() + 1;
        apply(new DelegationEscalatedEvent(delegation.id(), number, from, target.code(),
                command.uploadedMaterialRefs(), command.note(), today, hopDue));
        delegation.schedule(deadlines, Delegation.endOf(hopDue, policy), Delegation.HOP_DUE,
                new Delegation.DeadlineCheck(hopDue, number));
        return getVersion();
    }

    /**
     * The stations above {@code station}, nearest first, by the parents the station look-up knows: for a village,
     * its township centre and the county centre above that. 000 §7.2.3: the village sends the matter to 县镇相关业务人员,
     * its own township and county, not another township's centre or another county's. Assumption: a station opened
     * without a parent (the opening allows it) has nobody known above it, and then no line is checked, as a window
     * the look-up does not know refuses nothing; an empty list says so. A cycle in the parents (which the opening's
     * checks do not allow) ends the walk.
     */
    static List<StationCode> stationsAbove(StationCode station, StationRegistry stations) {
        List<StationCode> above = new ArrayList<>();
        StationCode parent = stations.find(station).map(StationRegistry.RegisteredStation::parentCode).orElse(null);
        while (parent != null && !parent.equals(station) && !above.contains(parent)) {
            above.add(parent);
            parent = stations.find(parent).map(StationRegistry.RegisteredStation::parentCode).orElse(null);
        }
        return above;
    }

    /**
     * 000 §7.2.3 c: the level the matter was sent to reviews, signs, stamps and issues; so only the current hop's
     * target records the decision ({@code decided-by-hop-target}), not any station above the matter. The acting
     * station is the signed-in user's, from the command's metadata. Assumption: a command without a station there
     * comes from an administrator (the only signed-in users without a station, and {@code CommandPolicy} lets no
     * other role without a station send it), who acts for the target: the event records the target as deciding.
     */
    @CommandHandler
    long handle(RecordUpperLevelDecisionCommand command, DelegationPolicy policy,
                @MetaDataValue(MetadataKeys.STATION_CODE) String actingStation) {
        delegation.requireStatus("record an upper-level decision on", DelegationStatus.ESCALATED);
        Hop hop = currentHop(command.hopNumber());
        if (actingStation != null && !actingStation.equals(hop.target().value())) {
            throw DomainRuleException.ruleViolated(DECIDED_BY_HOP_TARGET, "hopNumber",
                    "hop " + hop.number() + " was sent to " + hop.target() + ": only that station (or an administrator"
                            + " acting for it) records its decision, not " + actingStation + " (000 §7.2.3 c)");
        }
        if (hop.approved() != null) {
            throw DomainRuleException.illegalTransition(HOP_UNDECIDED,
                    "hop " + hop.number() + " has already been decided");
        }
        apply(new UpperLevelDecisionRecordedEvent(delegation.id(), hop.number(), hop.target(), command.approved(),
                command.certificateNumber(), command.reason(), Delegation.today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(ReturnResultCommand command, DelegationPolicy policy) {
        delegation.requireStatus("return the result of", DelegationStatus.ESCALATED);
        Hop hop = currentHop(command.hopNumber());
        if (hop.approved() == null) {
            throw DomainRuleException.illegalTransition(HOP_DECIDED,
                    "hop " + hop.number() + " has no decision yet to return");
        }
        apply(new ResultReturnedEvent(delegation.id(), hop.number(), delegation.originStation(),
                Delegation.today(policy)));
        return getVersion();
    }

    /**
     * The forwarding check (hop 0: not escalated within the forwarding limit) or a hop's due check (not decided by
     * the upper level in time); nothing once the matter is completed or ended.
     */
    @DeadlineHandler(deadlineName = Delegation.HOP_DUE)
    void onHopDue(Delegation.DeadlineCheck check) {
        DelegationStatus status = delegation.status();
        if (status.isFinal() || status == DelegationStatus.COMPLETED || status == DelegationStatus.DELIVERED) {
            return;
        }
        if (check.number() == 0) {
            if (hops.isEmpty()) {
                apply(new EscalationHopOverdueEvent(delegation.id(), 0, delegation.originStation(), check.forDate()),
                        delegation.systemActor());
            }
            return;
        }
        if (check.number() <= hops.size()) {
            Hop hop = hops.get(check.number() - 1);
            if (hop.approved() == null) {
                apply(new EscalationHopOverdueEvent(delegation.id(), hop.number(), hop.target(), check.forDate()),
                        delegation.systemActor());
            }
        }
    }

    private Hop currentHop(int number) {
        if (hops.isEmpty() || hops.get(hops.size() - 1).number() != number) {
            throw DomainRuleException.ruleViolated(CURRENT_HOP, "hopNumber",
                    "hop " + number + " is not the current escalation step");
        }
        return hops.get(hops.size() - 1);
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        authorityLevels = event.authorityLevels();
        outsideAuthority = event.outsideAuthority();
    }

    @EventSourcingHandler
    void on(DelegationEscalatedEvent event) {
        hops.add(new Hop(event.hopNumber(), event.targetStationCode(), null, false));
    }

    @EventSourcingHandler
    void on(UpperLevelDecisionRecordedEvent event) {
        Hop hop = hops.remove(hops.size() - 1);
        hops.add(new Hop(hop.number(), hop.target(), event.approved(), false));
    }

    @EventSourcingHandler
    void on(ResultReturnedEvent event) {
        Hop hop = hops.remove(hops.size() - 1);
        hops.add(new Hop(hop.number(), hop.target(), hop.approved(), true));
    }
}

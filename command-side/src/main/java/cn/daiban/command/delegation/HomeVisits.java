package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.delegation.ArrangeHomeVisitCommand;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.HomeVisitArrangedEvent;
import cn.daiban.kernel.delegation.HomeVisitRecordedEvent;
import cn.daiban.kernel.delegation.RecordHomeVisitCommand;
import cn.daiban.kernel.delegation.ServiceMode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Duration;
import java.time.Instant;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * 上门代办 (`000 §7.2.2 b`): the visit agreed with the client (time and address, the address sealed as personal data)
 * and the agent's arrival; an arrival after the agreed time is late (`003 附件3 六5`: 在约定时间提供上门服务) and
 * supervision sees it. A member of {@link Delegation}.
 *
 * <p>Assumptions: an arrival is late when it is at least one whole minute after the agreed time (no further grace:
 * the seed says "at the agreed time"); one arrival is recorded per agreement, and a new agreement (another time or
 * place) allows the next; a switch to a home visit stays a home visit.
 */
class HomeVisits {

    private final Delegation delegation;
    private ServiceMode mode;
    private Instant agreedAt;
    private boolean visited;

    HomeVisits(Delegation delegation) {
        this.delegation = delegation;
    }

    @CommandHandler
    long handle(ArrangeHomeVisitCommand command) {
        delegation.requireOpen("arrange a home visit for");
        CommissioningRules.requireAgreed(command.homeVisit());
        apply(new HomeVisitArrangedEvent(delegation.id(), mode, command.homeVisit(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordHomeVisitCommand command) {
        delegation.requireOpen("record a home visit for");
        if (mode != ServiceMode.HOME_VISIT || agreedAt == null) {
            throw DomainRuleException.ruleViolated(HOME_VISIT_MODE, null,
                    "delegation " + delegation.id() + " has no agreed home visit (上门代办): arrange one first");
        }
        if (visited) {
            throw DomainRuleException.illegalTransition(HOME_VISIT_RECORDED_ONCE,
                    "the visit agreed for " + agreedAt + " is recorded already; agree a new one for another visit");
        }
        if (command.arrivedAt().isAfter(GenericEventMessage.clock.instant())) {
            throw DomainRuleException.ruleViolated(ARRIVAL_NOT_IN_FUTURE, "arrivedAt",
                    "an arrival is recorded once it has happened");
        }
        long minutesLate = Math.max(0, Duration.between(agreedAt, command.arrivedAt()).toMinutes());
        apply(new HomeVisitRecordedEvent(delegation.id(), agreedAt, command.arrivedAt(), minutesLate > 0,
                minutesLate, command.note()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        mode = event.mode();
        agreedAt = event.homeVisit() == null ? null : event.homeVisit().agreedAt();
    }

    @EventSourcingHandler
    void on(HomeVisitArrangedEvent event) {
        mode = ServiceMode.HOME_VISIT;
        agreedAt = event.homeVisit().agreedAt();
        visited = false;
    }

    @EventSourcingHandler
    void on(HomeVisitRecordedEvent event) {
        visited = true;
    }
}

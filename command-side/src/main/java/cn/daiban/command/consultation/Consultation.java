package cn.daiban.command.consultation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.MaterialChecklist;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.consultation.MaterialsPreCheckedEvent;
import cn.daiban.kernel.consultation.OneTimeNoticeGivenEvent;
import cn.daiban.kernel.consultation.PreCheckMaterialsCommand;
import cn.daiban.kernel.delegation.MaterialCheck;
import cn.daiban.kernel.delegation.MaterialCheckStatus;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.ToleratedGap;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.consultation.AnswerConsultationCommand;
import cn.daiban.kernel.consultation.ConsultationAnsweredEvent;
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
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A consultation (咨询): answered at once, or forwarded to a department and answered within one working day
 * (`004 §6.3.3.1.3`, `000 §6.1`); it may lead to a delegation that keeps the link. At the counter the visitor's
 * materials are pre-checked against the item's list (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`); whatever is
 * missing is told at once and in writing (一次性告知单, `003 附件3 六3`, `004 §6.3.5`).
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Consultation {

    static final String REPLY_DUE = "consultation-reply-due";

    @AggregateIdentifier
    private ConsultationId consultationId;
    private StationCode stationCode;
    private boolean answered;
    private String forwardedTo;
    private LocalDate replyDueDate;
    private DelegationId delegationId;
    private int preChecks;

    Consultation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RecordConsultationCommand command, StationRegistry stations, AgentRegistry agents,
                ServiceItemCatalog catalogue, CalendarProvider calendars, ServiceClock clock,
                DeadlineManager deadlines) {
        StationRegistry.RegisteredStation station = stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        if (station.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated("station-open", "stationCode",
                    "only an open station takes consultations; " + station.code() + " is " + station.status());
        }
        if (command.agentId() != null) {
            AgentRegistry.RegisteredAgent agent = agents.find(command.agentId()).orElseThrow(() ->
                    DomainRuleException.unknownReference("agentId", "no agent " + command.agentId()));
            if (!agent.stationCode().equals(command.stationCode()) || !agent.active()) {
                throw DomainRuleException.ruleViolated("agent-of-station", "agentId",
                        agent.name() + " is not an active agent of " + command.stationCode());
            }
        }
        LocalDate today = clock.today();
        Boolean offered = offeredHere(command, station, catalogue);
        LocalDate due = command.answer() != null ? null : replyDue(today, calendars);
        apply(new ConsultationRecordedEvent(command.consultationId(), command.stationCode(), command.agentId(),
                command.visitorName(), command.contact(), command.channel(), command.content(), today,
                command.itemCode(), command.itemAsked(), offered, due));
        if (command.answer() != null) {
            apply(new ConsultationAnsweredEvent(command.consultationId(), command.answer(), today, true, true));
        } else if (due != null) {
            scheduleReplyCheck(due, clock, deadlines);
        }
        return getVersion();
    }

    /**
     * A consultation not answered at once is one that could not be answered directly: its reply is due within one
     * working day of it (`004 §6.3.3.1.3`), forwarded to a department or not. Null when the calendar of that day's
     * year is not loaded: the consultation is still recorded (a visitor is never turned away for the calendar), its
     * reply then falls due only if it is forwarded, as before this rule. Assumption, named in the README.
     */
    private static LocalDate replyDue(LocalDate today, CalendarProvider calendars) {
        try {
            return calendars.current().addWorkingDays(today, 1);
        } catch (CalendarYearNotLoadedException e) {
            return null;
        }
    }

    private void scheduleReplyCheck(LocalDate due, ServiceClock clock, DeadlineManager deadlines) {
        Instant at = clock.endOf(due);
        deadlines.schedule(at, REPLY_DUE, GenericDeadlineMessage.asDeadlineMessage(REPLY_DUE, due, at)
                .withMetaData(MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                        .and(MetadataKeys.STATION_CODE, stationCode.value())));
    }

    /**
     * Whether the station's list offered the matter asked about, as it stands when asked (`001 §7.1.2`: the demand a
     * station does not meet yet is what its list should take in): an item of the catalogue, known to it (withdrawn
     * or not: a visitor may ask for what was withdrawn); a matter in the visitor's words only is not offered; null
     * when none was named.
     */
    private static Boolean offeredHere(RecordConsultationCommand command, StationRegistry.RegisteredStation station,
                                       ServiceItemCatalog catalogue) {
        if (command.itemCode() == null) {
            return command.itemAsked() == null ? null : Boolean.FALSE;
        }
        if (catalogue.find(command.itemCode()).isEmpty()) {
            throw DomainRuleException.unknownReference("itemCode", "no service item " + command.itemCode()
                    + " in the catalogue; name the matter in itemAsked instead");
        }
        return station.serviceItemCodes().contains(command.itemCode().value());
    }

    @CommandHandler
    long handle(ForwardConsultationCommand command, CalendarProvider calendars, ServiceClock clock,
                DeadlineManager deadlines) {
        if (answered) {
            throw DomainRuleException.illegalTransition("consultation-open", "the consultation is answered already");
        }
        if (forwardedTo != null) {
            throw DomainRuleException.illegalTransition("forwarded-once", "already forwarded to " + forwardedTo);
        }
        LocalDate today = clock.today();
        if (replyDueDate != null) {
            // Due since it was recorded (one working day after it): forwarding it does not move the day.
            apply(new ConsultationForwardedEvent(consultationId, command.department(), today, replyDueDate));
            return getVersion();
        }
        LocalDate due;
        try {
            due = calendars.current().addWorkingDays(today, 1);
        } catch (CalendarYearNotLoadedException e) {
            throw DomainRuleException.ruleViolated("calendar-year-not-loaded", null, e.getMessage());
        }
        apply(new ConsultationForwardedEvent(consultationId, command.department(), today, due));
        scheduleReplyCheck(due, clock, deadlines);
        return getVersion();
    }

    @CommandHandler
    long handle(AnswerConsultationCommand command, ServiceClock clock) {
        if (answered) {
            throw DomainRuleException.illegalTransition("consultation-open", "the consultation is answered already");
        }
        LocalDate today = clock.today();
        // The reply check is not cancelled: it is ignored once answered (see onReplyDue). At once: a consultation
        // recorded before replies fell due at recording, never forwarded (one recorded since with its answer is
        // answered in the recording itself).
        boolean atOnce = forwardedTo == null && replyDueDate == null;
        apply(new ConsultationAnsweredEvent(consultationId, command.answer(), today, atOnce,
                atOnce || !today.isAfter(replyDueDate)));
        return getVersion();
    }

    /**
     * 资料预审 at the counter: the checklist is completed against the item's list (a material not named is missing)
     * and recorded; anything missing gives the one-time notice, recorded as given, with every missing material and
     * how to obtain it, the item's conditions, process, time limit and fees as published now. The same rules as at
     * commissioning (MaterialChecklist). A consultation may be pre-checked again when the visitor comes back.
     */
    @CommandHandler
    long handle(PreCheckMaterialsCommand command, StationRegistry stations, ServiceItemCatalog catalog,
                ServiceClock clock) {
        StationRegistry.RegisteredStation station = stations.find(stationCode).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + stationCode));
        ServiceItemCatalog.PublishedServiceItem item = MaterialChecklist.offeredItem(command.itemCode(), station,
                catalog);
        ServiceItemDefinition definition = item.definition();
        LocalDate today = clock.today();
        List<MaterialCheck> checklist = MaterialChecklist.complete(definition, command.materials(), today);
        List<MissingMaterial> missing = MaterialChecklist.missing(definition, checklist);
        int number = preChecks + 1;
        apply(new MaterialsPreCheckedEvent(consultationId, number, stationCode, command.itemCode(), item.revision(),
                definition.name(), checklist, missing.isEmpty(), today));
        if (!missing.isEmpty()) {
            List<ToleratedGap> tolerated = checklist.stream()
                    .filter(check -> check.status() == MaterialCheckStatus.TOLERATED)
                    .map(check -> new ToleratedGap(check.materialName(), check.committedDate())).toList();
            apply(new OneTimeNoticeGivenEvent(consultationId, number, stationCode, command.itemCode(),
                    item.revision(), definition.name(), definition.department(), missing, tolerated,
                    definition.conditions(), definition.process(), definition.timeLimitWorkingDays(),
                    definition.fees(), station.supervisionPhone(), today));
        }
        return getVersion();
    }

    /**
     * Unanswered on its day, the consultation is overdue, unless the visitor was told otherwise meanwhile: its
     * materials pre-checked (the checklist, or the one-time notice in writing, is the answer to what to bring) or a
     * matter commissioned from it. Assumption, named in the README.
     */
    @DeadlineHandler(deadlineName = REPLY_DUE)
    void onReplyDue(LocalDate due) {
        if (!answered && preChecks == 0 && delegationId == null && due.equals(replyDueDate)) {
            apply(new ConsultationReplyOverdueEvent(consultationId, forwardedTo, replyDueDate),
                    MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                            .and(MetadataKeys.STATION_CODE, stationCode.value()));
        }
    }

    @CommandHandler
    long handle(ConvertConsultationCommand command) {
        if (delegationId != null) {
            throw DomainRuleException.ruleViolated("converted-once", "consultationId",
                    "consultation " + consultationId + " already led to delegation " + delegationId);
        }
        apply(new ConsultationConvertedEvent(consultationId, command.delegationId()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ConsultationRecordedEvent event) {
        consultationId = event.consultationId();
        stationCode = event.stationCode();
        replyDueDate = event.replyDueDate();
    }

    @EventSourcingHandler
    void on(MaterialsPreCheckedEvent event) {
        preChecks = event.number();
    }

    @EventSourcingHandler
    void on(ConsultationForwardedEvent event) {
        forwardedTo = event.department();
        replyDueDate = event.replyDueDate();
    }

    @EventSourcingHandler
    void on(ConsultationAnsweredEvent event) {
        answered = true;
    }

    @EventSourcingHandler
    void on(ConsultationConvertedEvent event) {
        delegationId = event.delegationId();
    }
}

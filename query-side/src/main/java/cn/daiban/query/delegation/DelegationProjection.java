package cn.daiban.query.delegation;

import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.privacy.DataSubjectErasedEvent;

import cn.daiban.security.privacy.Mask;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.*;
import cn.daiban.query.audit.EventSummaries;
import cn.daiban.query.replay.ReplayWriteBatching;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Projects every delegation into one summary row (what the ledger, the registers, the dashboards and the
 * supervision flags read), its timeline of steps and its evaluations. Every write is an upsert or an update to
 * an absolute value keyed by the delegation (and the step's sequence number), so applying an event twice
 * changes nothing; the rows are written in the batch's transaction together with the processor's token.
 */
@Component
@ProcessingGroup(DelegationProjection.PROCESSING_GROUP)
public class DelegationProjection {

    static final String PROCESSING_GROUP = "delegations";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ServiceClock clock;
    private final DelegationFigures figures;

    /** In a replay, how many steps are written together ({@link #step}). */
    private final int stepsTogether;

    DelegationProjection(JdbcTemplate jdbc, ObjectMapper json, ServiceClock clock,
                         @Value("${daiban.rebuilds.settle-every:2000}") int settleEvery,
                         @Value("${daiban.rebuilds.remembered-matters:10000}") int rememberedMatters,
                         @Value("${daiban.rebuilds.steps-together:1000}") int stepsTogether) {
        if (stepsTogether < 1) {
            throw new IllegalArgumentException("daiban.rebuilds.steps-together must be at least 1");
        }
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.figures = new DelegationFigures(jdbc, settleEvery, rememberedMatters);
        this.stepsTogether = stepsTogether;
    }

    /**
     * An agent's name in a statement, one parameter either way ({@link #agentNameArgument}): the name the event
     * recorded (as registered when it happened), or, for an event written before events carried names, the agent
     * view's at projection time (the parameter is then the agent's id). Assumption: a name once projected is kept (a
     * later rename, which no command offers yet, would not rewrite the ledger's history); a rebuild reads the names
     * from the events again. Two texts, not one {@code coalesce(?, (select …))}: PostgreSQL planned that at every
     * commissioning (a plan for a given name drops the fallback, so a kept plan always looked dearer), 0.1–0.17 ms of
     * its CPU each; and the fallback stays in the statement, so a replay holding its writes back reads nothing apart.
     */
    private static String agentName(String recorded) {
        return recorded != null ? "?" : "(select a.name from agent a where a.agent_id = ?)";
    }

    private static String agentNameArgument(String recorded, String agentId) {
        return recorded != null ? recorded : agentId;
    }

    // ------------------------------------------------------------------------------------------------ intake

    @EventHandler
    void on(DelegationCommissionedEvent e, DomainEventMessage<?> m) {
        String agent = agentNameArgument(e.agentName(), e.agentId().value());
        int inserted = jdbc.update("""
                        insert into delegation_view (delegation_id, kind, mode, status, station_code, window_name, item_code,
                            item_name, item_revision, department, agent_id, client_name, client_phone,
                            acceptance_form_number, declined, received_at, received_on, promised_working_days,
                            original_deadline, deadline, remark, details, first_receiver_id, first_receiver_name,
                            handler_name, client_categories, home_visit_agreed_at, deadline_provisional,
                            previous_delegation_id)
                        values (?, ?, ?, 'HANDLING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, cast(? as jsonb),
                            ?, %1$s, %1$s, ?, ?, ?, ?)
                        on conflict (delegation_id) do nothing""".formatted(agentName(e.agentName())),
                e.delegationId().value(), e.kind().name(), e.mode().name(), e.stationCode().value(), e.window(),
                e.itemCode().value(), e.itemName(), e.itemRevision(), e.department(), e.agentId().value(),
                e.client().name(), e.client().phone() == null ? null : Mask.phone(e.client().phone().value()),
                e.acceptanceFormNumber() == null ? null : e.acceptanceFormNumber().value(),
                Timestamp.from(happened(m)), Date.valueOf(day(m)), e.promisedWorkingDays(), Date.valueOf(e.deadline()),
                Date.valueOf(e.deadline()), remark(e), write(fields("authorityLevels",
                        // Sorted: the event's set has no order, and the row must not depend on which process wrote it.
                        e.authorityLevels().stream().map(Enum::name).sorted().toList(),
                        "outsideAuthority", e.outsideAuthority(), "toleratedGaps", e.toleratedGaps(),
                        "parallelDepartments", e.parallelDepartments(), "specialHandling", e.specialHandling(),
                        "consultationId", e.consultationId() == null ? null : String.valueOf(e.consultationId()),
                        "teamLeader", e.teamLeaderName(), "appliedAt", e.appliedAt() == null ? null
                                : e.appliedAt().toString(), "commitmentsVersion", e.commitmentsVersion(),
                        // The pre-check's checklist (资料预审); absent for matters commissioned without one.
                        "materials", e.materials())),
                e.agentId().value(), agent, agent,
                // 002 服务对象 and the agreed home visit (000 §7.2.2 b), absent from events stored before them (the
                // address is never written to a view); a promised date in a year not loaded yet. In the insert, so a
                // commissioning stays one statement.
                categories(e.clientCategoriesOrNone()),
                e.homeVisit() == null || e.homeVisit().agreedAt() == null ? null : Timestamp.from(e.homeVisit().agreedAt()),
                e.isDeadlineProvisional(),
                // 001 §6.4.2: the matter this one re-applies after a failure (its detail lists this one).
                e.previousDelegationId() == null ? null : e.previousDelegationId().value());
        // Each tolerated material (容缺) by name, followed up until it is in (000 §7.2.1 d). Most matters have none:
        // they cost no statement more (a rebuild replays every commissioning).
        if (!e.toleratedGaps().isEmpty()) {
            e.toleratedGaps().forEach(gap -> detail(e.delegationId(), TOLERATED + gap.materialName(),
                    fields("committedDate", gap.committedDate(), "status", "OUTSTANDING")));
            tolerated(e.delegationId());
        }
        if (inserted > 0) {
            // Only the transaction that inserted the row counts it (an insert that found the row did nothing).
            counted(e.delegationId(), null);
        }
        step(m);
        // Live updates are sent by LiveFeed on every query node, not from here: this segment is only one node's.
    }

    private static String remark(DelegationCommissionedEvent e) {
        StringBuilder remark = new StringBuilder();
        if (e.outsideAuthority()) {
            remark.append("需上报有权限层级办理；");
        }
        if (!e.toleratedGaps().isEmpty()) {
            remark.append("容缺受理；");
        }
        if (!e.parallelDepartments().isEmpty()) {
            remark.append("并联办理：").append(String.join("、", e.parallelDepartments())).append("；");
        }
        if (e.specialHandling()) {
            remark.append("特殊办理；");
        }
        if (e.previousDelegationId() != null) {
            remark.append("重新申请，原件 ").append(e.previousDelegationId()).append("；");
        }
        return remark.isEmpty() ? null : remark.toString();
    }

    /** Sorted, so the row does not depend on the order of the event's set. */
    private static String[] categories(java.util.Set<cn.daiban.kernel.clientcategory.ClientCategoryCode> codes) {
        return codes.stream().map(cn.daiban.kernel.clientcategory.ClientCategoryCode::value).sorted()
                .toArray(String[]::new);
    }

    @EventHandler
    void on(ClientCategoriesChangedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set client_categories = ? where delegation_id = ?",
                categories(e.clientCategories()), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    // ------------------------------------------------------------------------------------------- home visit

    @EventHandler
    void on(HomeVisitArrangedEvent e, DomainEventMessage<?> m) {
        // A new agreement: the mode is HOME_VISIT, and the next arrival is judged against the new time.
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set mode = 'HOME_VISIT', home_visit_agreed_at = ?, "
                        + "home_visit_arrived_at = null, home_visit_arrived_on = null where delegation_id = ?",
                Timestamp.from(e.homeVisit().agreedAt()), e.delegationId().value());
        detail(e.delegationId(), "homeVisit:" + m.getSequenceNumber(), fields("agreedAt",
                e.homeVisit().agreedAt().toString(), "previousMode", e.previousMode() == null ? null
                        : e.previousMode().name(), "reason", e.reason()));
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(HomeVisitRecordedEvent e, DomainEventMessage<?> m) {
        // Late stays true once a visit was late (supervision sees it), even if a later visit is on time.
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set home_visit_arrived_at = ?, home_visit_arrived_on = ?, "
                        + "home_visit_late = home_visit_late or ? where delegation_id = ?",
                Timestamp.from(e.arrivedAt()), Date.valueOf(clock.dayOf(e.arrivedAt())), e.late(),
                e.delegationId().value());
        detail(e.delegationId(), "homeVisitArrival:" + m.getSequenceNumber(), fields("agreedAt",
                e.agreedAt().toString(), "arrivedAt", e.arrivedAt().toString(), "late", e.late(),
                "minutesLate", e.minutesLate(), "note", e.note()));
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(DelegationDeclinedEvent e, DomainEventMessage<?> m) {
        String agent = agentNameArgument(e.agentName(), e.agentId().value());
        int inserted = jdbc.update("""
                        insert into delegation_view (delegation_id, kind, status, station_code, item_code, item_name,
                            agent_id, client_name, client_phone, declined, decline_reason, received_at, received_on,
                            first_receiver_id, first_receiver_name, handler_name, window_name, department)
                        values (?, ?, 'DECLINED', ?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, %1$s, %1$s, ?, ?)
                        on conflict (delegation_id) do nothing""".formatted(agentName(e.agentName())),
                e.delegationId().value(), e.kind().name(), e.stationCode().value(),
                e.itemCode() == null ? null : e.itemCode().value(), e.itemName(), e.agentId().value(),
                e.client().name(), e.client().phone() == null ? null : Mask.phone(e.client().phone().value()), e.reason(),
                Timestamp.from(happened(m)), Date.valueOf(day(m)), e.agentId().value(),
                agent, agent, e.window(), e.department());
        if (inserted > 0) {
            // Only the transaction that inserted the row counts it (an insert that found the row did nothing).
            counted(e.delegationId(), null);
        }
        step(m);
    }

    // ---------------------------------------------------------------------------------------------- handling

    @EventHandler
    void on(AgentReassignedEvent e, DomainEventMessage<?> m) {
        // The handler changes; the first receiver (受理人员, 003 三(五)) stays.
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set agent_id = ?, handler_name = " + agentName(e.newAgentName())
                        + " where delegation_id = ?", e.newAgentId().value(),
                agentNameArgument(e.newAgentName(), e.newAgentId().value()), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    /** Reported to the client: in the details, and the day the client last heard (002 代办·承办 定期报告进度). */
    @EventHandler
    void on(ProgressReportedEvent e, DomainEventMessage<?> m) {
        heard(e.delegationId(), day(m), "progress:" + m.getSequenceNumber(), fields("channel", e.channel().name(),
                "channelNote", e.channelNote(), "on", day(m)));
        step(m);
    }

    /** The client heard on {@code day} ({@link #LAST_REPORTED}), and the detail, in one statement (see WITH_DETAIL). */
    private void heard(DelegationId id, LocalDate day, String key, Map<String, ?> detail) {
        jdbc.update("update delegation_view set " + LAST_REPORTED + ", " + WITH_DETAIL + " where delegation_id = ?",
                Date.valueOf(day), key, write(detail), id.value());
    }

    /**
     * The day the client last heard how the matter stands, moved to the parameter's day unless it already is later:
     * a progress report, or the client in touch as the matter goes on (a supplement received; a continuation, 续办,
     * which the client takes up, 002 服务中止与续办; an assist turned into a proxy, the applicant signing the 委托). Until
     * then the day of intake counts ({@code ProgressReports} reads {@code coalesce(last_reported_on, received_on)}).
     * A step recorded late (backdated) never moves it back; applied twice it changes nothing.
     */
    private static final String LAST_REPORTED =
            "last_reported_on = greatest(coalesce(last_reported_on, received_on), cast(? as date))";

    @EventHandler
    void on(SupplementRequestedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        // The detail in the same statement (see WITH_DETAIL).
        jdbc.update("""
                        update delegation_view set status = 'AWAITING_SUPPLEMENT', supplement_requests = ?,
                            breaches = ?, at_risk = false, %s where delegation_id = ?""".formatted(WITH_DETAIL),
                e.requestNumber(), e.requestNumber() - 1, "supplement:" + e.requestNumber(),
                write(fields("requestedOn", e.requestedOn(), "dueDate", e.dueDate(), "materials", e.materials(),
                        "breach", e.breachOfOneTimeNotice(), "justification", e.justification())),
                e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(SupplementReceivedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        heard(e.delegationId(), e.receivedOn(), "pause:" + m.getSequenceNumber(), Map.of("days",
                e.pausedWorkingDays(), "reason", "待补正", "until", e.receivedOn()));
        moved(e.delegationId(), e.deadline(), "HANDLING", e.isDeadlineProvisional());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(SupplementReminderSentEvent e, DomainEventMessage<?> m) {
        step(m);
    }

    @EventHandler
    void on(ToleratedMaterialReceivedEvent e, DomainEventMessage<?> m) {
        mergeDetail(e.delegationId(), TOLERATED + e.materialName(), fields("status", "RECEIVED",
                "receivedOn", e.receivedOn()));
        tolerated(e.delegationId());
        step(m);
    }

    @EventHandler
    void on(ToleratedMaterialOverdueEvent e, DomainEventMessage<?> m) {
        mergeDetail(e.delegationId(), TOLERATED + e.materialName(), fields("status", "OVERDUE"));
        tolerated(e.delegationId());
        step(m);
    }

    /** 当场补正 (000 §6.3.3): recorded as a step of its own; a tolerated material among them is in. No pause. */
    @EventHandler
    void on(MaterialsCompletedOnSpotEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "onTheSpot:" + m.getSequenceNumber(), fields("materials", e.materialNames(),
                "on", e.completedOn()));
        e.materialNames().forEach(name -> mergeDetail(e.delegationId(), TOLERATED + name, fields("status", "RECEIVED",
                "receivedOn", e.completedOn(), "onTheSpot", true)));
        tolerated(e.delegationId());
        step(m);
    }

    @EventHandler
    void on(AssistConvertedToProxyEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set kind = 'PROXY', acceptance_form_number = ?, " + LAST_REPORTED
                + " where delegation_id = ?", e.acceptanceFormNumber().value(), Date.valueOf(day(m)),
                e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    /** 003 三(五): the transfer waits for its receiver; the matter stays at its window until then. */
    @EventHandler
    void on(DelegationTransferRequestedEvent e, DomainEventMessage<?> m) {
        jdbc.update("""
                        update delegation_view set transfer_to = ?, transfer_from = ?, transfer_reason = ?,
                            transfer_requested_at = ? where delegation_id = ?""",
                e.toWindow(), e.fromWindow(), e.reason(), Timestamp.from(m.getTimestamp()), e.delegationId().value());
        step(m);
    }

    /** Accepted (with the receiver's helper), or, before transfers waited, moved at once. */
    @EventHandler
    void on(DelegationTransferredEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("""
                        update delegation_view set window_name = ?, transfer_to = null, transfer_from = null,
                            transfer_reason = null, transfer_requested_at = null where delegation_id = ?""",
                e.toWindow(), e.delegationId().value());
        counted(e.delegationId(), before);
        if (e.helperAgentId() != null) {
            detail(e.delegationId(), "transfer:" + m.getSequenceNumber(), fields("from", e.fromWindow(),
                    "to", e.toWindow(), "reason", e.reason(), "helperAgentId", e.helperAgentId().value(),
                    "helperName", e.helperName(), "note", e.note(), "acceptedOn", day(m)));
        }
        step(m);
    }

    /** Taken back by its sender: no longer pending, the matter at its window; the withdrawal in its details. */
    @EventHandler
    void on(DelegationTransferWithdrawnEvent e, DomainEventMessage<?> m) {
        transferEnded(e.delegationId(), false, "transfer-withdrawn:" + m.getSequenceNumber(), fields("from",
                e.fromWindow(), "to", e.toWindow(), "reason", e.reason(), "by", actor(m), "withdrawnOn", day(m)));
        step(m);
    }

    /**
     * Returned by its receiver (not within its duties): no longer pending; the refusal in the matter's details, and
     * counted on the row (严禁推诿扯皮, 003 四(三): supervision's flag and the quarterly assessment read the count).
     */
    @EventHandler
    void on(DelegationTransferRefusedEvent e, DomainEventMessage<?> m) {
        transferEnded(e.delegationId(), true, "transfer-refused:" + m.getSequenceNumber(), fields("from", e.fromWindow(), "to", e.toWindow(),
                        "reason", e.reason(), "by", actor(m), "refusedOn", day(m)));
        step(m);
    }

    private static Object actor(DomainEventMessage<?> m) {
        return m.getMetaData().get(MetadataKeys.ACTOR_ID);
    }

    /**
     * The pending transfer cleared and what ended it kept, in one statement (see WITH_DETAIL), with when the transfer
     * had been asked for ({@code requestedAt}, UTC, from the row before the statement clears it): how long it waited,
     * which a supervisor judges against 及时受理 (003 三(五)); to the millisecond, as the events' times are.
     * A refusal is also counted ({@code transfers_refused}), once: only when the matter's details do not hold its key
     * yet. So an event applied twice (two processors briefly claiming one segment) counts once and, the transfer
     * being cleared by then, keeps the {@code requestedAt} it found the first time: the second time changes nothing,
     * as with every other write of this projection.
     */
    private void transferEnded(DelegationId id, boolean refusal, String key, Map<String, ?> detail) {
        String counted = refusal ? """
                transfers_refused = transfers_refused + case when details -> cast(? as text) is null then 1 else 0 end,
                """ : "";
        Object[] args = refusal ? new Object[] {key, key, write(detail), key, id.value()}
                : new Object[] {key, write(detail), key, id.value()};
        jdbc.update("update delegation_view set " + counted + """
                         transfer_to = null, transfer_from = null, transfer_reason = null,
                            transfer_requested_at = null,
                            details = details || jsonb_build_object(cast(? as text), cast(? as jsonb)
                                || jsonb_build_object('requestedAt', coalesce(
                                    to_jsonb(to_char(transfer_requested_at at time zone 'UTC',
                                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                                    details -> cast(? as text) -> 'requestedAt')))
                        where delegation_id = ?""", args);
    }

    @EventHandler
    void on(ParallelTaskCompletedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "parallel:" + e.department(), Map.of("approved", e.approved(), "on", day(m)));
        step(m);
    }

    // -------------------------------------------------------------------------------------------- escalation

    @EventHandler
    void on(DelegationEscalatedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        detail(e.delegationId(), "hop:" + e.hopNumber(), Map.of("from", e.fromStationCode().value(),
                "target", e.targetStationCode().value(), "escalatedOn", e.escalatedOn(), "dueDate", e.hopDueDate(),
                "materials", e.uploadedMaterialRefs()));
        jdbc.update("""
                        update delegation_view set status = 'ESCALATED', escalated = true, hop_overdue = false,
                            hop_overdue_station = null where delegation_id = ?""", e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(UpperLevelDecisionRecordedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "decision:" + e.hopNumber(), fields("approved", e.approved(),
                "certificate", e.certificateNumber(), "reason", e.reason(),
                "decidedOn", e.decidedOn(), "by", e.decidingStationCode().value()));
        set(e.delegationId(), "hop_overdue = false, hop_overdue_station = null", null);
        step(m);
    }

    @EventHandler
    void on(ResultReturnedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        detail(e.delegationId(), "returned:" + e.hopNumber(), Map.of("on", e.returnedOn()));
        set(e.delegationId(), "status = 'HANDLING'", null);
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(EscalationHopOverdueEvent e, DomainEventMessage<?> m) {
        set(e.delegationId(), "hop_overdue = true, hop_overdue_station = ?", e.stationCode().value());
        step(m);
    }

    // -------------------------------------------------------------------------------------------------- fees

    @EventHandler
    void on(StatutoryFeeNotifiedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "fee:" + e.fee().name(), Map.of("amountFen", e.fee().amountFen(),
                "legalBasis", e.fee().legalBasis(), "payee", e.fee().payee(), "notifiedOn", day(m)));
        step(m);
    }

    @EventHandler
    void on(StatutoryFeePaidEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "payment:" + e.feeName(), Map.of("amountFen", e.amountFen(),
                "receiptNumber", e.receiptNumber(), "paidOn", day(m)));
        step(m);
    }

    /** 依法减免: the fee does not apply to this client; the ground, beside the fee's notice and payment. */
    @EventHandler
    void on(StatutoryFeeExemptedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "exemption:" + e.feeName(), Map.of("reason", e.reason(), "exemptedOn", day(m)));
        step(m);
    }

    // ---------------------------------------------------------------------------------- suspension and ending

    @EventHandler
    void on(DelegationSuspendedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("""
                        update delegation_view set details = details || jsonb_build_object('beforeSuspension', status),
                            status = 'SUSPENDED', at_risk = false
                        where delegation_id = ? and status <> 'SUSPENDED'""", e.delegationId().value());
        detail(e.delegationId(), "suspension:" + m.getSequenceNumber(), Map.of("reason", e.reason().name(),
                "on", e.suspendedOn(), "continuationDeadline", e.continuationDeadline()));
        counted(e.delegationId(), before);
        step(m);
    }

    /**
     * The calendar year a provisional promised date reached into is loaded: the system recomputed the date
     * (`DOMAIN.md` "Time"). The view takes it and is no longer provisional (unless it still reaches into a year not
     * loaded); the pause sum is left as it is.
     */
    @EventHandler
    void on(ProvisionalDeadlineRecomputedEvent e, DomainEventMessage<?> m) {
        jdbc.update("update delegation_view set deadline = ?, deadline_provisional = ? where delegation_id = ?",
                Date.valueOf(e.newDeadline()), e.stillProvisional(), e.delegationId().value());
        step(m);
    }

    @EventHandler
    void on(DelegationResumedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        heard(e.delegationId(), e.resumedOn(), "pause:" + m.getSequenceNumber(), Map.of("days",
                e.pausedWorkingDays(), "reason", "中止", "until", e.resumedOn()));
        jdbc.update("""
                        update delegation_view set status = coalesce(details ->> 'beforeSuspension', 'HANDLING')
                        where delegation_id = ? and status = 'SUSPENDED'""", e.delegationId().value());
        moved(e.delegationId(), e.deadline(), null, e.isDeadlineProvisional());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(DelegationTerminatedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("""
                        update delegation_view set status = 'TERMINATED', terminated_on = ?, termination_reason = ?,
                            at_risk = false, hop_overdue = false where delegation_id = ?""",
                Date.valueOf(e.terminatedOn()), e.reason().name(), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(DelegationCompletedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("""
                        update delegation_view set status = 'COMPLETED', completed_at = ?, completed_on = ?,
                            successful = ?, result_reference = ?, failure_reason = ?, on_time = ?,
                            handling_working_days = ?, at_risk = false, hop_overdue = false
                        where delegation_id = ?""",
                Timestamp.from(happened(m)), Date.valueOf(e.completedOn()), e.successful(), e.resultReference(),
                e.failureReason(), e.onTime(), e.handlingWorkingDays(), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(ResultDeliveredEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        // The detail in the same statement (see WITH_DETAIL).
        jdbc.update("""
                        update delegation_view set status = 'DELIVERED', delivered_on = ?, delivery_method = ?, %s
                        where delegation_id = ?""".formatted(WITH_DETAIL),
                Date.valueOf(e.deliveredOn()), e.method().name(), "delivery", write(fields("method",
                        e.method().name(), "trackingNumber", e.trackingNumber(), "handoverProof", e.handoverProof(),
                        "licenceInstructionsGiven", e.licenceInstructionsGiven(), "postageBorneByStation",
                        e.postageBorneByStation())), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    /** 留存待领: kept for collection, no longer late for delivery; where, and the tries made, in the detail. */
    @EventHandler
    void on(ResultHeldForCollectionEvent e, DomainEventMessage<?> m) {
        jdbc.update("update delegation_view set result_held_on = ?, %s where delegation_id = ?".formatted(WITH_DETAIL),
                Date.valueOf(e.heldOn()), "resultHeld", write(fields("keptAt", e.keptAt(), "heldOn", e.heldOn(),
                        "attempts", e.attempts().stream().map(a -> fields("at", a.at().toString(), "channel",
                                a.channel().name(), "outcome", a.outcome())).toList())),
                e.delegationId().value());
        step(m);
    }

    @EventHandler
    void on(DeadlineApproachingEvent e, DomainEventMessage<?> m) {
        jdbc.update("update delegation_view set at_risk = true where delegation_id = ? and deadline = ?",
                e.delegationId().value(), Date.valueOf(e.deadline()));
        step(m);
    }

    @EventHandler
    void on(DelegationOverdueEvent e, DomainEventMessage<?> m) {
        set(e.delegationId(), "overdue = true, at_risk = false", null);
        step(m);
    }

    // ------------------------------------------------------------------------------------- evaluation, archive

    @EventHandler
    void on(DelegationEvaluatedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("""
                        insert into evaluation_view (delegation_id, number, station_code, agent_id, item_code, overall,
                            attitude, quality, efficiency, channel, comment, evaluated_on, entered_by)
                        select delegation_id, ?, station_code, agent_id, item_code, ?, ?, ?, ?, ?, ?, ?, ?
                        from delegation_view where delegation_id = ?
                        on conflict (delegation_id, number) do nothing""",
                e.evaluationNumber(), e.overall().name(), e.attitude().name(), e.quality().name(),
                e.efficiency().name(), e.channel().name(), e.comment(), Date.valueOf(e.evaluatedOn()),
                e.enteredBy(), e.delegationId().value());
        set(e.delegationId(), "grade = ?", e.overall().name());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(EvaluationReminderSentEvent e, DomainEventMessage<?> m) {
        step(m);
    }

    @EventHandler
    void on(RectificationRequiredEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set rectification_status = 'OPEN', rectification_due = ?, "
                        + "rectification_opened_on = ? where delegation_id = ?",
                Date.valueOf(e.dueDate()), Date.valueOf(day(m)), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(RectificationFollowUpRecordedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "followUp", Map.of("on", e.calledOn(), "summary", e.callSummary()));
        step(m);
    }

    @EventHandler
    void on(RectificationOverdueEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set rectification_status = 'OVERDUE' where delegation_id = ? and rectification_status = 'OPEN'",
                e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(RectificationCompletedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        set(e.delegationId(), "rectification_status = ?", e.onTime() ? "DONE" : "LATE");
        detail(e.delegationId(), "rectification", Map.of("measures", e.measures(), "on", e.completedOn()));
        counted(e.delegationId(), before);
        step(m);
    }

    /** A follow-up contact after completion (跟踪服务, 002 一站式办理), shown in the detail as followUpContact:N. */
    @EventHandler
    void on(FollowUpContactRecordedEvent e, DomainEventMessage<?> m) {
        detail(e.delegationId(), "followUpContact:" + e.number(), fields("by", e.contactedBy(),
                "at", e.contactedAt().toString(), "channel", e.channel().name(), "summary", e.summary()));
        step(m);
    }

    /** Marked done by the station: awaits supervision's re-check (复查), still open. */
    @EventHandler
    void on(RectificationAwaitingRecheckEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        set(e.delegationId(), "rectification_status = ?", "AWAITING_RECHECK");
        counted(e.delegationId(), before);
        detail(e.delegationId(), "rectification", fields("measures", e.measures(), "on", e.doneOn(),
                "onTime", e.onTime()));
        step(m);
    }

    /** Accepted on re-check: closed, DONE or LATE as the station marked it done by its due date or not. */
    @EventHandler
    void on(RectificationAcceptedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        set(e.delegationId(), "rectification_status = ?", e.onTime() ? "DONE" : "LATE");
        counted(e.delegationId(), before);
        detail(e.delegationId(), "recheck", fields("accepted", true, "by", e.recheckedBy(), "on", e.recheckedOn(),
                "note", e.note()));
        step(m);
    }

    /** Sent back on re-check: open again, due on the new date. */
    @EventHandler
    void on(RectificationSentBackEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set rectification_status = 'OPEN', rectification_due = ? "
                + "where delegation_id = ?", Date.valueOf(e.newDueDate()), e.delegationId().value());
        counted(e.delegationId(), before);
        detail(e.delegationId(), "recheck", fields("accepted", false, "by", e.recheckedBy(), "on", e.recheckedOn(),
                "reason", e.reason(), "newDueDate", e.newDueDate()));
        step(m);
    }

    @EventHandler
    void on(EvaluationVoidedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update evaluation_view set voided = true, void_reason = ? where delegation_id = ? and number = ?",
                e.reason(), e.delegationId().value(), e.evaluationNumber());
        jdbc.update("""
                        update delegation_view set grade = null,
                            rectification_status = case when rectification_status in ('OPEN', 'OVERDUE', 'AWAITING_RECHECK') then 'VOIDED'
                                                        else rectification_status end
                        where delegation_id = ?""", e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    /** 002 帮办·办结: an ended matter's materials handed back, signed for; it now awaits its archive. */
    @EventHandler
    void on(MaterialsHandedBackEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set materials_handed_back_on = ? where delegation_id = ?",
                Date.valueOf(e.handedBackOn()), e.delegationId().value());
        detail(e.delegationId(), "handback", fields("materials", e.materials(), "signedByClient", e.signedByClient(),
                "note", e.note(), "on", e.handedBackOn()));
        counted(e.delegationId(), before);
        step(m);
    }

    @EventHandler
    void on(DelegationArchivedEvent e, DomainEventMessage<?> m) {
        DelegationFigures.Counted before = figures.lockAndRead(e.delegationId().value());
        jdbc.update("update delegation_view set status = 'ARCHIVED', archived_on = ?, archive_reference = ? where delegation_id = ?",
                Date.valueOf(e.archivedOn()), e.archiveReference(), e.delegationId().value());
        // The work log is kept until the archive: a problem still open is closed unresolved that day (V173).
        jdbc.update("""
                        update work_log_entry set closed_on = ? where delegation_id = ? and kind = 'PROBLEM'
                            and resolution is null and resolved_by is null and closed_on is null""",
                Date.valueOf(e.archivedOn()), e.delegationId().value());
        counted(e.delegationId(), before);
        step(m);
    }

    /** A phone follow-up call (电话回访, `004 §7.1.3`): a record of its own, counted apart when it followed a poor grade. */
    @EventHandler
    void on(cn.daiban.kernel.delegation.PhoneFollowUpRecordedEvent e, DomainEventMessage<?> m) {
        jdbc.update("""
                        insert into phone_follow_up (delegation_id, number, station_code, agent_id, item_code, called_by,
                            called_at, called_on, reached, summary, evaluation_number, of_poor_grade)
                        select delegation_id, ?, station_code, agent_id, item_code, ?, ?, ?, ?, ?, ?, ?
                        from delegation_view where delegation_id = ?
                        on conflict (delegation_id, number) do nothing""",
                e.number(), e.calledBy(), java.sql.Timestamp.from(e.calledAt()),
                Date.valueOf(e.calledAt().atZone(clock.zone()).toLocalDate()), e.reached(), e.summary(),
                e.evaluationNumber(), e.ofPoorGrade(), e.delegationId().value());
        step(m);
    }

    /**
     * An entry of the matter's work log (工作日志, `002 代办·承办`, `004 §6.3.3.2.3`), with the matter's station and when
     * it was recorded beside when it happened; a problem recorded with its resolution is resolved that day, and an entry
     * that resolves an earlier problem marks that one resolved, by its number and day. Applied twice, it changes
     * nothing.
     */
    @EventHandler
    void on(WorkLogEntryRecordedEvent e, DomainEventMessage<?> m) {
        LocalDate on = clock.dayOf(e.occurredAt());
        boolean resolvedAtOnce = e.kind() == WorkLogEntryKind.PROBLEM && e.resolution() != null;
        jdbc.update("""
                        insert into work_log_entry (delegation_id, number, station_code, kind, occurred_at, occurred_on,
                            summary, analysis, resolution, department, contact, resolves, recorded_by, recorded_at,
                            resolved_on)
                        select delegation_id, ?, station_code, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        from delegation_view where delegation_id = ?
                        on conflict (delegation_id, number) do nothing""",
                e.number(), e.kind().name(), Timestamp.from(e.occurredAt()), Date.valueOf(on), e.summary(),
                e.analysis(), e.resolution(), e.department(), e.contact(), e.resolves(), e.recordedBy(),
                Timestamp.from(m.getTimestamp()), resolvedAtOnce ? Date.valueOf(on) : null, e.delegationId().value());
        if (e.resolves() != null) {
            jdbc.update("update work_log_entry set resolved_by = ?, resolved_on = ? where delegation_id = ? and number = ?",
                    e.number(), Date.valueOf(on), e.delegationId().value(), e.resolves());
        }
        step(m);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from work_log_entry");
        jdbc.update("delete from phone_follow_up");
        figures.clear();
        jdbc.update("delete from evaluation_view");
        Steps gathered = gatheredSteps();
        if (gathered != null) {
            gathered.rows.clear(); // gathered before the reset: deleted by it
            gathered.units.clear();
        }
        jdbc.update("delete from delegation_step");
        jdbc.update("delete from delegation_view");
    }

    // --------------------------------------------------------------------------------------------- helpers

    /**
     * Brings the dashboard's counters along with the row (DelegationFigures): every handler that may change a
     * counted column (station, declined, the dates, on_time, handling days, breaches, status, rectification status,
     * materials handed back, archive date, client categories, home visit arrival and lateness, the evaluations
     * and their voiding; and for the ledger's totals under one filter, window, item, agent and kind) reads the row's
     * counted columns before its writes and calls this after them. Handlers that only touch other columns (the
     * supervision flags, details, client, handler's name) do not.
     */
    private void counted(DelegationId id, DelegationFigures.Counted before) {
        figures.counted(id.value(), before);
    }

    /**
     * The deadline moved by a pause. {@code provisional}: the new date reaches into a year not loaded (marked, as a
     * date provisional from commissioning is, until the year is loaded and it is recomputed); false leaves the mark
     * as it was (a move onto loaded years, and events stored before they said).
     */
    private void moved(DelegationId id, LocalDate deadline, String status, boolean provisional) {
        jdbc.update("""
                        update delegation_view set deadline = ?, at_risk = false,
                            status = coalesce(?, status),
                            deadline_provisional = deadline_provisional or ?,
                            paused_working_days = coalesce((select sum((value ->> 'days')::int)
                                from jsonb_each(details) where key like 'pause:%'), 0)
                        where delegation_id = ?""", Date.valueOf(deadline), status, provisional, id.value());
    }

    static final String TOLERATED = "tolerated:";

    /**
     * Merges into a detail that exists (leaves the details alone if the key is absent). The key is cast to text here
     * and in {@link #detail}: {@code jsonb_build_object} takes any type, so PostgreSQL could not otherwise tell the
     * parameter's type, and a replay could not prepare the statement (it was planned at each of its 54,000 uses in
     * a rebuild of 20,000 matters; see {@code ReplayWriteBatching}).
     */
    private void mergeDetail(DelegationId id, String key, Map<String, ?> value) {
        jdbc.update("""
                        update delegation_view set details = details || jsonb_build_object(cast(? as text), (details -> ?) || cast(? as jsonb))
                        where delegation_id = ? and jsonb_exists(details, ?)""",
                key, key, write(value), id.value(), key);
    }

    /**
     * The tolerated materials' figures and 备注 line, from the details: outstanding ones (committed date not yet
     * passed) and overdue ones, each with its committed date (000 §7.2.1 d).
     */
    private void tolerated(DelegationId id) {
        jdbc.update("""
                        update delegation_view set
                            tolerated_outstanding = (select count(*) from jsonb_each(details)
                                where key like 'tolerated:%' and value ->> 'status' in ('OUTSTANDING', 'OVERDUE')),
                            tolerated_overdue = (select count(*) from jsonb_each(details)
                                where key like 'tolerated:%' and value ->> 'status' = 'OVERDUE'),
                            materials_remark = (select string_agg(
                                    case when value ->> 'status' = 'OVERDUE' then '容缺材料逾期未补交：' else '容缺材料待补交：' end
                                    || substr(key, 11) || '（承诺' || (value ->> 'committedDate') || '前）', '；'
                                    order by value ->> 'committedDate', key)
                                from jsonb_each(details)
                                where key like 'tolerated:%' and value ->> 'status' in ('OUTSTANDING', 'OVERDUE'))
                        where delegation_id = ?""", id.value());
    }

    private void set(DelegationId id, String assignments, Object value) {
        if (value == null) {
            jdbc.update("update delegation_view set " + assignments + " where delegation_id = ?", id.value());
        } else {
            jdbc.update("update delegation_view set " + assignments + " where delegation_id = ?", value, id.value());
        }
    }

    /**
     * {@link #detail}'s assignment, for a handler that updates the row anyway: its key and value are the two
     * parameters here. One statement instead of two for the frequent steps (a supplement requested, a result
     * delivered): a rebuild of 20,000 matters sent 54,000 detail updates beside the other updates of the same rows.
     * Only where the other assignments do not read {@code details}: within one statement they would read it as it
     * was before (a pause counted from the details must see the new pause, so {@link #moved} stays apart).
     */
    private static final String WITH_DETAIL = "details = details || jsonb_build_object(cast(? as text), cast(? as jsonb))";

    private void detail(DelegationId id, String key, Map<String, ?> value) {
        jdbc.update("update delegation_view set " + WITH_DETAIL + " where delegation_id = ?",
                key, write(value), id.value());
    }

    /** An erased client: the matter stays, with every figure, but no longer says who it was for. */
    @EventHandler
    void on(DataSubjectErasedEvent e) {
        jdbc.update("update delegation_view set client_name = ?, client_phone = null where delegation_id = any(?)",
                PersonalData.ERASED, e.subjectIds().toArray(String[]::new));
    }

    private static final String STEP_COLUMNS = "delegation_id, sequence, at, event_type, actor_id, station_code, "
            + "summary, occurred_at, backdating_reason";
    private static final String INSERT_STEP = "insert into delegation_step (" + STEP_COLUMNS + ") "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (delegation_id, sequence) do nothing";
    /** Many steps in one statement, each column an array (the moments as ISO instants, read as timestamptz). */
    private static final String INSERT_STEPS = "insert into delegation_step (" + STEP_COLUMNS + ") "
            + "select * from unnest(cast(? as varchar[]), cast(? as bigint[]), cast(? as timestamptz[]), "
            + "cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]), "
            + "cast(? as timestamptz[]), cast(? as varchar[])) on conflict (delegation_id, sequence) do nothing";

    private void step(DomainEventMessage<?> m) {
        String type = m.getPayloadType().getSimpleName();
        Instant occurredAt = backdated(m);
        Object[] row = {m.getAggregateIdentifier(), m.getSequenceNumber(), m.getTimestamp(), type,
                Objects.toString(m.getMetaData().get(MetadataKeys.ACTOR_ID), null),
                Objects.toString(m.getMetaData().get(MetadataKeys.STATION_CODE), null),
                EventSummaries.summarise(type, m.getPayload(), json), occurredAt,
                occurredAt == null ? null : Objects.toString(m.getMetaData().get(MetadataKeys.BACKDATING_REASON), null)};
        Steps gathered = gatheredSteps();
        if (gathered == null) {
            row[2] = Timestamp.from(m.getTimestamp());
            row[7] = occurredAt == null ? null : Timestamp.from(occurredAt);
            jdbc.update(INSERT_STEP, row);
            return;
        }
        gathered.rows.add(row);
        gathered.units.add(((ReplayWriteBatching) jdbc).unitBeingHandled());
        if (gathered.rows.size() >= stepsTogether) {
            writeSteps(gathered);
        }
    }

    /**
     * The steps a replay (a rebuild, a point-in-time view) has gathered and not written yet. A step is a row of its
     * own that no handler reads back, one per event: written one statement each, they were a third of a rebuild's
     * statements and of PostgreSQL's time in it. A replay gathers them and writes
     * {@code daiban.rebuilds.steps-together} (1,000) in one statement, and the rest before its writes are all sent
     * (before a point-in-time view is read, before a rebuild switches over). Null outside a replay: the live
     * processors write each step in the event's batch, as before.
     */
    private static final class Steps {
        final List<Object[]> rows = new ArrayList<>();
        /** The unit (the event) each row came from, told of a row that fails. */
        final List<Object> units = new ArrayList<>();
    }

    private Steps gatheredSteps() {
        if (!(jdbc instanceof ReplayWriteBatching batching) || !batching.holdingBack()) {
            return null;
        }
        return batching.replayScoped(this, () -> {
            Steps steps = new Steps();
            batching.beforeSending(() -> writeSteps(steps));
            return steps;
        });
    }

    /**
     * Writes the gathered steps in one statement, after the writes held back so far. The same rows as
     * {@link #INSERT_STEP} would write (the moments to the microsecond, rounded as the driver rounds). Should it fail,
     * they are written one by one with {@link #INSERT_STEP}, so the failure names the event of the step that failed
     * ({@link ReplayWriteBatching#updateGathered}).
     */
    private void writeSteps(Steps steps) {
        if (steps.rows.isEmpty()) {
            return;
        }
        int n = steps.rows.size();
        String[] ids = new String[n], types = new String[n], actors = new String[n], stations = new String[n],
                summaries = new String[n], at = new String[n], occurred = new String[n], reasons = new String[n];
        Long[] sequences = new Long[n];
        for (int i = 0; i < n; i++) {
            Object[] row = steps.rows.get(i);
            ids[i] = (String) row[0];
            sequences[i] = (Long) row[1];
            at[i] = micros((Instant) row[2]);
            types[i] = (String) row[3];
            actors[i] = (String) row[4];
            stations[i] = (String) row[5];
            summaries[i] = (String) row[6];
            occurred[i] = row[7] == null ? null : micros((Instant) row[7]);
            reasons[i] = (String) row[8];
        }
        Object[] columns = {ids, sequences, at, types, actors, stations, summaries, occurred, reasons};
        List<Object[]> rows = List.copyOf(steps.rows);
        List<Object> units = new ArrayList<>(steps.units); // null where a caller marked no unit
        steps.rows.clear();
        steps.units.clear();
        ((ReplayWriteBatching) jdbc).updateGathered("steps of many events", INSERT_STEPS, columns, units, INSERT_STEP,
                i -> {
                    Object[] one = rows.get(i).clone();
                    one[2] = Timestamp.from((Instant) one[2]);
                    one[7] = one[7] == null ? null : Timestamp.from((Instant) one[7]);
                    return one;
                });
    }

    /** An instant to the microsecond, half up, as the driver rounds a {@link Timestamp} it sends. */
    private static String micros(Instant instant) {
        return instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    /**
     * When a step recorded after the fact (补录) happened, from its metadata; null for a step recorded as it
     * happened (and for an unreadable value: the event is then dated as recorded, never dropped).
     */
    static Instant backdated(DomainEventMessage<?> m) {
        Object value = m.getMetaData().get(MetadataKeys.OCCURRED_AT);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** When the step happened: its occurrence if recorded after the fact, else when it was recorded. */
    static Instant happened(DomainEventMessage<?> m) {
        Instant occurredAt = backdated(m);
        return occurredAt != null ? occurredAt : m.getTimestamp();
    }

    /**
     * The centre's day of the step (the command side dates its events by the same clock): the day it happened,
     * for a step recorded after the fact, so the ledger counts it on that day.
     */
    private LocalDate day(DomainEventMessage<?> m) {
        return clock.dayOf(happened(m));
    }

    /**
     * The fields of a detail, in order, leaving out those without a value: an absent value stays absent in the
     * view, never the text "null" (what {@code String.valueOf} of a missing note or tracking number wrote before).
     */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return fields;
    }

    private String write(Map<String, ?> value) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

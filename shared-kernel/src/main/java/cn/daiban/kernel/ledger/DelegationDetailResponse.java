package cn.daiban.kernel.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One delegation: its state, deadline as promised and as moved, the responsible agent, every step with time and
 * actor, the materials requested and received, the escalation path, fees, delivery, evaluations and rectification
 * ({@code details} holds the structured facts by key: supplement:n, pause:n, hop:n, decision:n, fee:…, tolerated:…,
 * onTheSpot:n, materials (the pre-check's checklist) …), and the tolerated materials listed on their own.
 */
public record DelegationDetailResponse(String delegationId, String kind, String status, String stationCode,
                                       String window, String itemCode, String itemName, Integer itemRevision,
                                       String agentId, String clientName, String acceptanceFormNumber,
                                       Instant receivedAt, Integer promisedWorkingDays, LocalDate originalDeadline,
                                       LocalDate deadline, int pausedWorkingDays, boolean atRisk, boolean overdue,
                                       LocalDate completedOn, Boolean onTime, String resultReference,
                                       String rectificationStatus, Map<String, Object> details, List<Step> steps,
                                       List<Evaluation> evaluations,
                                       // Added at the end: the first receiver (受理人, first responsible, 003 三(五))
                                       // and the agent handling it now (办理人), by name; agentId is the handler's id.
                                       String firstReceiver, String firstReceiverId, String handler,
                                       List<ToleratedMaterial> toleratedMaterials,
                                       // Added last: the promised date reaches into a year not loaded yet
                                       // (weekends only, recomputed when it is loaded).
                                       boolean deadlineProvisional,
                                       // Added at the end (003 三(五)): the transfer waiting for its receiver, or
                                       // null; an accepted one is in details as transfer:n with its helper.
                                       PendingTransfer pendingTransfer,
                                       // Added at the end (工作日志, 002 代办·承办, 004 §6.3.3.2.3): the matter's
                                       // work log, oldest first.
                                       List<WorkLogEntry> workLog,
                                       // Added at the end (001 §6.4.2 协助重新办理): the matter this one re-applies,
                                       // or null, and the matters that re-applied this one, oldest first.
                                       String previousDelegationId, List<Reapplication> reapplications) {

    /**
     * A matter taken on again after this one (重新申请): where, when, where it stands, and whether it succeeded (null
     * until completed: a failed completion stays COMPLETED, DELIVERED or ARCHIVED like a successful one).
     */
    public record Reapplication(String delegationId, String stationCode, LocalDate receivedOn, String status,
                                Boolean successful) {
    }

    /** The same detail with only {@code shown} of its re-applications (those in the reader's jurisdiction). */
    public DelegationDetailResponse withReapplications(List<Reapplication> shown) {
        return new DelegationDetailResponse(delegationId, kind, status, stationCode, window, itemCode, itemName,
                itemRevision, agentId, clientName, acceptanceFormNumber, receivedAt, promisedWorkingDays,
                originalDeadline, deadline, pausedWorkingDays, atRisk, overdue, completedOn, onTime, resultReference,
                rectificationStatus, details, steps, evaluations, firstReceiver, firstReceiverId, handler,
                toleratedMaterials, deadlineProvisional, pendingTransfer, workLog, previousDelegationId, shown);
    }

    /**
     * An entry of the matter's work log: a problem (with its analysis and resolution), a contact with the approving
     * department, or a follow-up note; {@code resolvedBy} is the number of the later entry that resolved this
     * problem (null: resolved at once, still open, or closed unresolved when the matter was archived; {@code open}
     * tells an open one), {@code resolves} the problem this entry resolved; who recorded it and when
     * ({@code recordedAt}: later than {@code occurredAt} when written after the fact).
     */
    public record WorkLogEntry(int number, String kind, Instant occurredAt, String summary, String analysis,
                               String resolution, String department, String contact, Integer resolves,
                               Integer resolvedBy, boolean open, String recordedBy, Instant recordedAt) {
    }

    /** Without the work log and the re-applications added last. */
    public DelegationDetailResponse(String delegationId, String kind, String status, String stationCode,
                                    String window, String itemCode, String itemName, Integer itemRevision,
                                    String agentId, String clientName, String acceptanceFormNumber,
                                    Instant receivedAt, Integer promisedWorkingDays, LocalDate originalDeadline,
                                    LocalDate deadline, int pausedWorkingDays, boolean atRisk, boolean overdue,
                                    LocalDate completedOn, Boolean onTime, String resultReference,
                                    String rectificationStatus, Map<String, Object> details, List<Step> steps,
                                    List<Evaluation> evaluations, String firstReceiver, String firstReceiverId,
                                    String handler, List<ToleratedMaterial> toleratedMaterials,
                                    boolean deadlineProvisional, PendingTransfer pendingTransfer) {
        this(delegationId, kind, status, stationCode, window, itemCode, itemName, itemRevision, agentId, clientName,
                acceptanceFormNumber, receivedAt, promisedWorkingDays, originalDeadline, deadline, pausedWorkingDays,
                atRisk, overdue, completedOn, onTime, resultReference, rectificationStatus, details, steps,
                evaluations, firstReceiver, firstReceiverId, handler, toleratedMaterials, deadlineProvisional,
                pendingTransfer, List.of(), null, List.of());
    }

    /**
     * A transfer to another zone or window waiting for the receiver to accept it; {@code late} once it waits longer
     * than a working day (as in the supervision flags).
     */
    public record PendingTransfer(String fromWindow, String toWindow, String reason, Instant requestedAt,
                                  boolean late) {
    }

    /** Without the pending transfer added last. */
    public DelegationDetailResponse(String delegationId, String kind, String status, String stationCode,
                                    String window, String itemCode, String itemName, Integer itemRevision,
                                    String agentId, String clientName, String acceptanceFormNumber,
                                    Instant receivedAt, Integer promisedWorkingDays, LocalDate originalDeadline,
                                    LocalDate deadline, int pausedWorkingDays, boolean atRisk, boolean overdue,
                                    LocalDate completedOn, Boolean onTime, String resultReference,
                                    String rectificationStatus, Map<String, Object> details, List<Step> steps,
                                    List<Evaluation> evaluations, String firstReceiver, String firstReceiverId,
                                    String handler, List<ToleratedMaterial> toleratedMaterials,
                                    boolean deadlineProvisional) {
        this(delegationId, kind, status, stationCode, window, itemCode, itemName, itemRevision, agentId, clientName,
                acceptanceFormNumber, receivedAt, promisedWorkingDays, originalDeadline, deadline, pausedWorkingDays,
                atRisk, overdue, completedOn, onTime, resultReference, rectificationStatus, details, steps,
                evaluations, firstReceiver, firstReceiverId, handler, toleratedMaterials, deadlineProvisional, null,
                List.of(), null, List.of());
    }

    /**
     * A material accepted as missing at intake (容缺, `000 §7.2.1 d`): the date the client committed to, and whether
     * it is OUTSTANDING, OVERDUE (past that date) or RECEIVED (on {@code receivedOn}). Added last to the response.
     */
    public record ToleratedMaterial(String materialName, LocalDate committedDate, String status, LocalDate receivedOn) {
    }

    /** Without the names, tolerated materials and provisional mark added later. */
    public DelegationDetailResponse(String delegationId, String kind, String status, String stationCode,
                                    String window, String itemCode, String itemName, Integer itemRevision,
                                    String agentId, String clientName, String acceptanceFormNumber,
                                    Instant receivedAt, Integer promisedWorkingDays, LocalDate originalDeadline,
                                    LocalDate deadline, int pausedWorkingDays, boolean atRisk, boolean overdue,
                                    LocalDate completedOn, Boolean onTime, String resultReference,
                                    String rectificationStatus, Map<String, Object> details, List<Step> steps,
                                    List<Evaluation> evaluations) {
        this(delegationId, kind, status, stationCode, window, itemCode, itemName, itemRevision, agentId, clientName,
                acceptanceFormNumber, receivedAt, promisedWorkingDays, originalDeadline, deadline, pausedWorkingDays,
                atRisk, overdue, completedOn, onTime, resultReference, rectificationStatus, details, steps,
                evaluations, null, null, null, List.of(), false);
    }

    /**
     * One step: {@code at} when it was recorded; {@code occurredAt} and {@code backdatingReason} only for a step
     * recorded after the fact (补录), when it happened and why it was entered late (null otherwise).
     */
    public record Step(long sequence, Instant at, String eventType, String actorId, String stationCode,
                       String summary, Instant occurredAt, String backdatingReason) {

        /** A step recorded as it happened. */
        public Step(long sequence, Instant at, String eventType, String actorId, String stationCode, String summary) {
            this(sequence, at, eventType, actorId, stationCode, summary, null, null);
        }
    }

    public record Evaluation(int number, String overall, String attitude, String quality, String efficiency,
                             String channel, String comment, LocalDate evaluatedOn, boolean voided, String voidReason,
                             // added for 一事一评 by the client: nullable; who typed the grade in (null: the client,
                             // channel CLIENT, or a grade recorded before this was kept)
                             String enteredBy) {
    }
}

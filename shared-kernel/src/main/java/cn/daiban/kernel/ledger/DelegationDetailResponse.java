package cn.daiban.kernel.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One delegation: its state, deadline as promised and as moved, the responsible agent, every step with time and
 * actor, the materials requested and received, the escalation path, fees, delivery, evaluations and rectification
 * ({@code details} holds the structured facts by key: supplement:n, pause:n, hop:n, decision:n, fee:…, …).
 */
public record DelegationDetailResponse(String delegationId, String kind, String status, String stationCode,
                                       String window, String itemCode, String itemName, Integer itemRevision,
                                       String agentId, String clientName, String acceptanceFormNumber,
                                       Instant receivedAt, Integer promisedWorkingDays, LocalDate originalDeadline,
                                       LocalDate deadline, int pausedWorkingDays, boolean atRisk, boolean overdue,
                                       LocalDate completedOn, Boolean onTime, String resultReference,
                                       String rectificationStatus, Map<String, Object> details, List<Step> steps,
                                       List<Evaluation> evaluations) {

    public record Step(long sequence, Instant at, String eventType, String actorId, String stationCode,
                       String summary) {
    }

    public record Evaluation(int number, String overall, String attitude, String quality, String efficiency,
                             String channel, String comment, LocalDate evaluatedOn, boolean voided, String voidReason,
                             // added for 一事一评 by the client: nullable; who typed the grade in (null: the client,
                             // channel CLIENT, or a grade recorded before this was kept)
                             String enteredBy) {
    }
}

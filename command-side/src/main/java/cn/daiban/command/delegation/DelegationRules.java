package cn.daiban.command.delegation;

import cn.daiban.command.catalogue.MaterialChecklist;

import java.util.List;

/**
 * The catalogue of every rule a delegation enforces, by the name its refusal carries ({@code DomainRuleException.rule()},
 * the problem's {@code rule} and {@code type} urn:daiban:problem:&lt;rule&gt;). Grouped by the part of the delegation
 * that checks it; {@link #ALL} lists them for a reader and a test. The names are the wire contract of the HTTP
 * problems: never rename one.
 */
final class DelegationRules {

    private DelegationRules() {
    }

    // Commissioning (CommissioningRules): who may take which matter for whom. The item and pre-check rules are
    // shared with the consultation's pre-check, so their names live in MaterialChecklist (the same strings).
    static final String STATION_OPEN = "station-open";
    static final String AGENT_OF_STATION = "agent-of-station";
    static final String AGENT_ACTIVE = "agent-active";
    static final String AGENT_QUALIFIED = "agent-qualified";
    static final String ITEM_PUBLISHED = MaterialChecklist.ITEM_PUBLISHED;
    static final String ITEM_OFFERED = MaterialChecklist.ITEM_OFFERED;
    static final String CLIENT_CONSENT = "client-consent";
    static final String PRIVACY_ITEM_NOT_PROXIED = "privacy-item-not-proxied";
    /**
     * 000 §4.1 涉及个人隐私的情况不应代（帮）办: neither assisted nor proxied. A proxy of such an item keeps its older
     * refusal name {@link #PRIVACY_ITEM_NOT_PROXIED} (names are the wire contract); an assist is refused by this one.
     */
    static final String NO_DELEGATION_OF_PRIVACY_ITEMS = "no-delegation-of-privacy-items";
    static final String PROXY_CLIENT_IDENTIFIED = "proxy-client-identified";
    static final String NEEDS_ANALYSIS_CONFIRMED = "needs-analysis-confirmed";
    static final String APPLICANT_SIGNED = "applicant-signed";
    static final String TEAM_LEADER_SIGN_OFF = "team-leader-sign-off";
    static final String PUBLISHED_LIMIT = "published-limit";
    static final String TOLERATED_MATERIAL_LISTED = "tolerated-material-listed";
    static final String TOLERATED_MATERIAL_NON_ESSENTIAL = MaterialChecklist.TOLERATED_MATERIAL_NON_ESSENTIAL;
    static final String COMMITTED_DATE_NOT_PAST = MaterialChecklist.COMMITTED_DATE_NOT_PAST;
    static final String PARALLEL_HANDLING = "parallel-handling";
    /** 002 表A.2 申请时间 / 受理时间: the client applies before (or when) the matter is accepted. */
    static final String APPLIED_BEFORE_ACCEPTED = "applied-before-accepted";
    /** Pre-check (MaterialChecklist, 资料预审): a checklist line names a material of the item's list. */
    static final String CHECKLIST_MATERIAL_LISTED = MaterialChecklist.CHECKLIST_MATERIAL_LISTED;
    /** Pre-check: a proxy is taken on only with its materials in hand or tolerated (004 §6.3.4.2.1). */
    static final String MATERIALS_COMPLETE = MaterialChecklist.MATERIALS_COMPLETE;
    /** Any reference (station, agent, item) that does not exist; named by {@code DomainRuleException}. */
    static final String REFERENCE_EXISTS = "reference-exists";
    static final String CALENDAR_YEAR_NOT_LOADED = "calendar-year-not-loaded";
    /** 001 §6.4.2 协助重新办理: a re-application names an earlier matter that ended without a result. */
    static final String REAPPLIES_AN_UNSUCCESSFUL_MATTER = "reapplies-an-unsuccessful-matter";
    /** 002 服务对象: every category a client carries is in the (extendable) client-category list. */
    static final String CLIENT_CATEGORY_LISTED = "client-category-listed";
    /** 000 §7.2.2 b, 003 附件3 六5: a home visit is agreed on a time and an address. */
    static final String HOME_VISIT_AGREED = "home-visit-agreed";
    /** A home visit's agreement or arrival belongs to a delegation in HOME_VISIT mode only. */
    static final String HOME_VISIT_MODE = "home-visit-mode";

    // Handling (Delegation): the life-cycle and the matter's own changes.
    static final String DELEGATION_OPEN = "delegation-open";
    static final String DELEGATION_STATUS = "delegation-status";
    static final String CLIENT_INFORMED_OF_REASSIGNMENT = "client-informed-of-reassignment";
    static final String DIFFERENT_AGENT = "different-agent";
    static final String ASSIST_ONLY = "assist-only";
    static final String DIFFERENT_WINDOW = "different-window";
    static final String WINDOW_OF_STATION = "window-of-station";
    /** 003 三(五): one transfer at a time waits for its receiver; another is refused until it is accepted. */
    static final String TRANSFER_PENDING = "transfer-pending";
    /** 003 三(五): only a transfer waiting for its receiver can be accepted, withdrawn by its sender or refused. */
    static final String TRANSFER_AWAITING_ACCEPTANCE = "transfer-awaiting-acceptance";
    /** 003 三(五): a transfer is returned by its receiver; whoever sent it takes it back instead (a withdrawal). */
    static final String TRANSFER_REFUSED_BY_RECEIVER = "transfer-refused-by-receiver";
    static final String AUTHORITY = "authority";
    static final String PARALLEL_TASKS_DONE = "parallel-tasks-done";
    static final String PARALLEL_TASKS_APPROVED = "parallel-tasks-approved";
    static final String SUSPENSION_CAUSE_REMOVED = "suspension-cause-removed";
    static final String FEE_SETTLED_ONCE = "fee-settled-once";
    static final String TOLERATED_MATERIALS_IN = "tolerated-materials-in";
    static final String FEES_PAID = "fees-paid";

    // The client and the visit (ClientCategorisation, HomeVisits).
    static final String CLIENT_CATEGORIES_CHANGE = "client-categories-change";
    static final String HOME_VISIT_RECORDED_ONCE = "home-visit-recorded-once";
    static final String ARRIVAL_NOT_IN_FUTURE = "arrival-not-in-future";

    // Supplements (Supplements): one-time notice (一次性告知).
    static final String DUE_DATE_NOT_PAST = "due-date-not-past";
    static final String ONE_TIME_NOTICE = "one-time-notice";

    // Tolerated materials (ToleratedMaterials) and parallel tasks (ParallelTasks).
    static final String TOLERATED_MATERIAL_OUTSTANDING = "tolerated-material-outstanding";
    static final String PARALLEL_TASK_EXISTS = "parallel-task-exists";
    static final String PARALLEL_TASK_OPEN = "parallel-task-open";

    // Pauses (TimeLimit): suspension and continuation.
    static final String NOT_SUSPENDED = "not-suspended";
    static final String MATERIALS_OVERDUE_IS_AUTOMATIC = "materials-overdue-is-automatic";
    static final String FEE_OUTSTANDING = "fee-outstanding";

    // Escalation (Escalation): up to a level with authority and the result back down.
    static final String ESCALATE_ONLY_OUTSIDE_AUTHORITY = "escalate-only-outside-authority";
    static final String ESCALATE_TO_AUTHORITY = "escalate-to-authority";
    static final String ESCALATE_UPWARDS = "escalate-upwards";
    /** A matter whose approval came back down is completed, not sent up again (a refused one may be). */
    static final String ESCALATE_UNTIL_APPROVED = "escalate-until-approved";
    static final String CURRENT_HOP = "current-hop";
    static final String HOP_UNDECIDED = "hop-undecided";
    static final String HOP_DECIDED = "hop-decided";
    /** 000 §7.2.3 c: the decision is recorded by the station the matter was sent to (the current hop's target). */
    static final String DECIDED_BY_HOP_TARGET = "decided-by-hop-target";

    // Statutory fees (StatutoryFees): the service itself is free.
    static final String SERVICE_IS_FREE = "service-is-free";
    static final String FEE_NOTIFIED_ONCE = "fee-notified-once";
    static final String FEE_TOLD_BEFORE_PAID = "fee-told-before-paid";
    static final String FEE_PAID_ONCE = "fee-paid-once";
    static final String STATUTORY_AMOUNT = "statutory-amount";

    // Aftercare (Aftercare): delivery, evaluation, rectification, archive.
    static final String ONE_EVALUATION_PER_MATTER = "one-evaluation-per-matter";
    static final String RECTIFICATION_OPEN = "rectification-open";
    static final String FOLLOW_UP_CALL_FIRST = "follow-up-call-first";
    static final String EVALUATION_EXISTS = "evaluation-exists";
    static final String NOT_ARCHIVED = "not-archived";
    static final String EVALUATION_BEFORE_ARCHIVE = "evaluation-before-archive";
    static final String RECTIFICATION_CLOSED = "rectification-closed";
    /**
     * A rectification marked done by the station awaits supervision's re-check (复查, `000 §8.2.2`, `004 §7.2.2`):
     * not marked done twice, and not re-checked before it is marked done.
     */
    static final String RECTIFICATION_AWAITING_RECHECK = "rectification-awaiting-recheck";
    /** A follow-up contact (跟踪服务, `002 一站式办理`) from completion until the archive, not dated ahead. */
    static final String FOLLOW_UP_UNTIL_ARCHIVED = "follow-up-until-archived";
    /**
     * The work log (工作日志, `002 代办·承办`, `004 §6.3.3.2.3`, {@link WorkLog}): kept from intake until the archive,
     * never dated ahead, and an entry resolves only a problem of the matter still open.
     */
    static final String WORK_LOG_UNTIL_ARCHIVED = "work-log-until-archived";
    static final String WORK_LOG_NOT_AHEAD = "work-log-not-ahead";
    static final String WORK_LOG_RESOLVES_AN_OPEN_PROBLEM = "work-log-resolves-an-open-problem";
    /** 002 帮办·办结 / 代办·办结: an ended matter hands every material back, signed for by the client. */
    static final String MATERIALS_HANDED_BACK = "materials-handed-back";
    static final String MATTER_ENDED = "matter-ended";
    static final String HANDOVER_SIGNED = "handover-signed";
    /** A grade with channel CLIENT comes only through the client's invitation, never from staff (`003 三(二)3`). */
    static final String CLIENT_GRADES_BY_INVITATION = "client-grades-by-invitation";
    /**
     * A result that could not be handed over is kept for collection (留存待领) once, after tries dated from the day of
     * completion to now.
     */
    static final String RESULT_HELD_ONCE = "result-held-once";
    static final String RESULT_HELD_AFTER_ATTEMPTS = "result-held-after-attempts";
    /** A phone follow-up (`004 §7.1.3`) is made once the result has been delivered, and not dated ahead. */
    static final String FOLLOW_UP_AFTER_DELIVERY = "follow-up-after-delivery";

    // Steps recorded after the fact (StepMoments, 补录): when it happened, never guessed.
    static final String BACKDATED_STEP = "backdated-step";
    static final String BACKDATING_REASON_GIVEN = "backdating-reason-given";
    static final String OCCURRED_NOT_IN_FUTURE = "occurred-not-in-future";
    static final String OCCURRED_AFTER_PREVIOUS_STEP = "occurred-after-previous-step";
    static final String BACKDATING_WINDOW = "backdating-window";

    /** Every rule above, in the order listed. */
    static final List<String> ALL = List.of(
            STATION_OPEN, AGENT_OF_STATION, AGENT_ACTIVE, AGENT_QUALIFIED, ITEM_PUBLISHED, ITEM_OFFERED,
            CLIENT_CONSENT, PRIVACY_ITEM_NOT_PROXIED, NO_DELEGATION_OF_PRIVACY_ITEMS, PROXY_CLIENT_IDENTIFIED, NEEDS_ANALYSIS_CONFIRMED,
            APPLICANT_SIGNED, TEAM_LEADER_SIGN_OFF, PUBLISHED_LIMIT, TOLERATED_MATERIAL_LISTED,
            TOLERATED_MATERIAL_NON_ESSENTIAL, COMMITTED_DATE_NOT_PAST, PARALLEL_HANDLING, APPLIED_BEFORE_ACCEPTED,
            CHECKLIST_MATERIAL_LISTED, MATERIALS_COMPLETE, REFERENCE_EXISTS, CALENDAR_YEAR_NOT_LOADED,
            CLIENT_CATEGORY_LISTED, HOME_VISIT_AGREED, HOME_VISIT_MODE, REAPPLIES_AN_UNSUCCESSFUL_MATTER,
            DELEGATION_OPEN, DELEGATION_STATUS, CLIENT_INFORMED_OF_REASSIGNMENT, DIFFERENT_AGENT, ASSIST_ONLY,
            DIFFERENT_WINDOW, WINDOW_OF_STATION, TRANSFER_PENDING, TRANSFER_AWAITING_ACCEPTANCE, TRANSFER_REFUSED_BY_RECEIVER, AUTHORITY, PARALLEL_TASKS_DONE, PARALLEL_TASKS_APPROVED, TOLERATED_MATERIALS_IN, FEES_PAID,
            CLIENT_CATEGORIES_CHANGE, HOME_VISIT_RECORDED_ONCE, ARRIVAL_NOT_IN_FUTURE,
            DUE_DATE_NOT_PAST, ONE_TIME_NOTICE,
            TOLERATED_MATERIAL_OUTSTANDING, PARALLEL_TASK_EXISTS, PARALLEL_TASK_OPEN,
            NOT_SUSPENDED, MATERIALS_OVERDUE_IS_AUTOMATIC, FEE_OUTSTANDING, SUSPENSION_CAUSE_REMOVED,
            ESCALATE_ONLY_OUTSIDE_AUTHORITY, ESCALATE_TO_AUTHORITY, ESCALATE_UPWARDS, ESCALATE_UNTIL_APPROVED, CURRENT_HOP,
            HOP_UNDECIDED,
            HOP_DECIDED, DECIDED_BY_HOP_TARGET,
            SERVICE_IS_FREE, FEE_NOTIFIED_ONCE, FEE_TOLD_BEFORE_PAID, FEE_PAID_ONCE, FEE_SETTLED_ONCE, STATUTORY_AMOUNT,
            ONE_EVALUATION_PER_MATTER, RECTIFICATION_OPEN, FOLLOW_UP_CALL_FIRST, EVALUATION_EXISTS, NOT_ARCHIVED,
            EVALUATION_BEFORE_ARCHIVE, RECTIFICATION_CLOSED, MATERIALS_HANDED_BACK, MATTER_ENDED, HANDOVER_SIGNED,
            CLIENT_GRADES_BY_INVITATION, RESULT_HELD_ONCE, RESULT_HELD_AFTER_ATTEMPTS, FOLLOW_UP_AFTER_DELIVERY,
            RECTIFICATION_AWAITING_RECHECK, FOLLOW_UP_UNTIL_ARCHIVED,
            WORK_LOG_UNTIL_ARCHIVED, WORK_LOG_NOT_AHEAD, WORK_LOG_RESOLVES_AN_OPEN_PROBLEM,
            BACKDATED_STEP, BACKDATING_REASON_GIVEN, OCCURRED_NOT_IN_FUTURE, OCCURRED_AFTER_PREVIOUS_STEP,
            BACKDATING_WINDOW);
}

package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a station (and its supervisors) look at: today's intake and same-day completions (当日办结), open matters by
 * status, the at-risk and overdue lists, and for the period the on-time completion rate, the consultation
 * timeliness rate, the average handling time in working days, breaches of 一次性告知, the satisfaction
 * distribution, open rectifications and complaints (received; timeliness of those due in the period), intake
 * by client category and home visits (made, late), results awaiting delivery, and the work logs' open problems. A
 * rate is null when there is nothing to rate.
 */
public record StationDashboardResponse(String stationCode, boolean rollUp, LocalDate from, LocalDate to,
                                       LocalDate today, long todaysIntake, long todaysDeclined,
                                       long todaysSameDayCompletions, Map<String, Long> openByStatus,
                                       List<Flag> atRisk, List<Flag> overdue, long completed, long completedOnTime,
                                       Double onTimeRate, long consultationsDue, long consultationsInTime,
                                       Double consultationTimelinessRate, Double averageHandlingWorkingDays,
                                       long oneTimeNoticeBreaches, Map<String, Long> satisfaction,
                                       long openRectifications, long complaintsReceived, long complaintsDue,
                                       long complaintsInTime, Double complaintTimelinessRate, long missedBookings,
                                       // Added later, at the end: intake in the period by client category
                                       // (002 服务对象; a matter with two categories counts under each), home
                                       // visits whose (latest) arrival fell in the period and those late
                                       // (003 附件3 六5), and the open matters whose home visit was late.
                                       Map<String, Long> intakeByClientCategory, long homeVisits,
                                       long lateHomeVisits, List<Flag> lateHomeVisitFlags,
                                       // Added at the end (002 资料归档): matters done with but not yet archived, by
                                       // status (DELIVERED; TERMINATED; DECLINED once materials were handed back), and
                                       // matters archived in the period, whether delivered or ended.
                                       Map<String, Long> awaitingArchive, long archived,
                                       // Added at the end (DOMAIN.md "Time"): from daiban.calendar.warn-next-year-from
                                       // while next year's working-day calendar is not loaded, what to do; else null.
                                       String calendarWarning,
                                       // Added at the end (003 三(三), 003 附件4 一3–4 / 二1–2, 004 §5.3.1): the
                                       // staffing and training minimums not met in the scope's open stations.
                                       List<StaffingFlag> staffing,
                                       // Added at the end (004 §6.3.3.3 及时送达, 000 §6.4): matters completed whose
                                       // result is not delivered yet, and those waiting longer than
                                       // daiban.delivery.within-working-days (rule result-delivered-promptly).
                                       long awaitingDelivery, List<Flag> lateDeliveries,
                                       // Added at the end (工作日志, 002 代办·承办, 004 §6.3.3.2.3): the problems
                                       // recorded in the scope's work logs and not resolved yet, whatever their day
                                       // (listed by /api/work-log?openProblems=true).
                                       long openWorkLogProblems,
                                       // Added at the end (001 §6.4.2 对未代办成功的事项…协助重新办理): the matters
                                       // completed without success in the period, and how many of them the client
                                       // has applied for again (a matter naming it as previousDelegationId, anywhere).
                                       long failedCompletions, long failedReapplied,
                                       // Added at the end (004 附录D 受理与否, 003 三(二)3 逐项登记): the matters
                                       // taken on and those refused (不予受理) in the period, beside today's.
                                       long intake, long declined) {

    /**
     * A matter flagged for supervision (电子监察): an open one, yellow when at risk, red when past its limit; or one
     * completed whose result waits too long for delivery (rule result-delivered-promptly). {@code deadline} is the
     * matter's handling deadline, except for that rule, where it is the day the result was due.
     */
    public record Flag(String delegationId, String stationCode, String stationName, String agentId, String itemName,
                       LocalDate deadline, String colour, String reason,
                       // added at the end, nullable: the rule the flag names, where it has one
                       // (transfer-accepted-within-a-working-day, 003 三(五); transfer-refused-at-most-once,
                       // 003 四(三); result-delivered-promptly, 004 §6.3.3.3; progress-reported-regularly and
                       // responsible-agent-active, 002, on supervision's list only)
                       String rule) {

        public Flag(String delegationId, String stationCode, String stationName, String agentId, String itemName,
                    LocalDate deadline, String colour, String reason) {
            this(delegationId, stationCode, stationName, agentId, itemName, deadline, colour, reason, null);
        }
    }
}

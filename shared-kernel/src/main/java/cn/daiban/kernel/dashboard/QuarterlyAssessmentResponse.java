package cn.daiban.kernel.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row per station, zone or agent: volume (accepted intakes in the quarter) and refusals, completions and the
 * on-time rate, consultation timeliness (stations and agents), breaches of 一次性告知, evaluations and the
 * satisfaction rate, poor grades and rectifications (open, done, late), and trainings attended in the quarter
 * (agents; for a station, its agents together), complaints received and their timeliness (stations and agents),
 * home visits made and late, the volume by client category, and transfers refused (stations and zones).
 */
public record QuarterlyAssessmentResponse(String level, int year, int quarter, LocalDate from, LocalDate to,
                                          List<Row> rows,
                                          // added at the end (003 三(三), 003 附件4 一3–4 / 二1–2, 004 §5.3.1):
                                          // staffing and training minimums not met at the quarter's end, nullable
                                          List<StaffingFlag> staffing,
                                          // added for the publication (通报, `003 四(三)`): null until published
                                          Publication publication) {

    public QuarterlyAssessmentResponse(String level, int year, int quarter, LocalDate from, LocalDate to,
                                       List<Row> rows) {
        this(level, year, quarter, from, to, rows, null, null);
    }

    public QuarterlyAssessmentResponse(String level, int year, int quarter, LocalDate from, LocalDate to,
                                       List<Row> rows, List<StaffingFlag> staffing) {
        this(level, year, quarter, from, to, rows, staffing, null);
    }

    /**
     * The assessment of the asked station as published: its rows of this level as frozen then, the SHA-256
     * {@code digest} over the canonical form of every level's rows, who published it and when; whether the recount
     * ({@code rows} of the response) now differs, and in which figures.
     */
    public record Publication(String publicationId, String digest, Instant publishedAt, String publishedBy,
                              List<Row> rows, boolean recountDiffers, List<Difference> differences) {
    }

    /** A figure of one row whose recount differs from what was published ({@code figure} "row": a row came or went). */
    public record Difference(String key, String figure, Object published, Object now) {
    }

    public record Row(String key, String name, String stationCode, long volume, long declined, long completed,
                      Double onTimeRate, Long consultationsDue, Double consultationTimelinessRate, long breaches,
                      long evaluations, Double satisfactionRate, long poorGrades, long rectificationsOpen,
                      long rectificationsDone, long rectificationsLate, Long trainings, Long complaints,
                      Double complaintTimelinessRate,
                      // Added later, at the end: home visits made in the quarter and those late (003 附件3 六5),
                      // and the volume by client category (002 服务对象; a matter counts under each it carries).
                      long homeVisits, long lateHomeVisits, Map<String, Long> volumeByClientCategory,
                      // added for 一事一评 by the client (`003 三(二)3`): nullable; grades the client entered and
                      // grades staff typed in, apart, with their satisfaction rates; phone follow-ups of poor grades
                      Long clientEvaluations, Double clientSatisfactionRate, Long staffEvaluations,
                      Double staffSatisfactionRate, Long poorGradeFollowUps,
                      // added for 严禁推诿扯皮 (`003 四(三)`): transfers the station or zone refused in the quarter
                      // (退回转办, the zone the transfer was sent to); null for agents (the sign-in knows staff, not
                      // agents, so a refusal names no agent)
                      Long transfersRefused,
                      // added for 一事一评 (`003 三(二)3` 做到"一事一评"): the matters delivered in the quarter, and the
                      // share of them with a grade not voided (whenever it was given); null in publications made before
                      Long delivered, Double evaluatedRate,
                      // added for the channels supervision watches (`003 四(三)`: 局长信箱、12345热线、政务服务"好差评"、
                      // 明查暗访): the complaints received in the quarter by channel (ComplaintChannel names); null in
                      // publications made before, and for an agent a complaint names none of
                      Map<String, Long> complaintsByChannel) {

        /** A row as counted before the 一事一评 coverage was added (publications made before keep that shape). */
        public Row(String key, String name, String stationCode, long volume, long declined, long completed,
                   Double onTimeRate, Long consultationsDue, Double consultationTimelinessRate, long breaches,
                   long evaluations, Double satisfactionRate, long poorGrades, long rectificationsOpen,
                   long rectificationsDone, long rectificationsLate, Long trainings, Long complaints,
                   Double complaintTimelinessRate, long homeVisits, long lateHomeVisits,
                   Map<String, Long> volumeByClientCategory, Long clientEvaluations, Double clientSatisfactionRate,
                   Long staffEvaluations, Double staffSatisfactionRate, Long poorGradeFollowUps,
                   Long transfersRefused) {
            this(key, name, stationCode, volume, declined, completed, onTimeRate, consultationsDue,
                    consultationTimelinessRate, breaches, evaluations, satisfactionRate, poorGrades, rectificationsOpen,
                    rectificationsDone, rectificationsLate, trainings, complaints, complaintTimelinessRate, homeVisits,
                    lateHomeVisits, volumeByClientCategory, clientEvaluations, clientSatisfactionRate, staffEvaluations,
                    staffSatisfactionRate, poorGradeFollowUps, transfersRefused, null, null, null);
        }
    }

    public static final List<String> HEADINGS = List.of("对象", "名称", "站点", "受理量", "不予受理", "办结量", "按时办结率",
            "咨询应答数", "咨询及时率", "一次性告知违规", "评价数", "满意率", "差评数", "整改中", "整改完成", "整改逾期",
            "参加培训次数", "投诉数", "投诉办理及时率", "上门服务次数", "上门迟到次数", "服务对象类别受理量",

            "服务对象自评数", "自评满意率", "工作人员录入评价数", "录入评价满意率", "差评电话回访数", "转办退回次数", "交付数",
            "一事一评率", "投诉来源");
}

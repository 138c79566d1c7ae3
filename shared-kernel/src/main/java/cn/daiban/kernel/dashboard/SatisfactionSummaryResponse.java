package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public record SatisfactionSummaryResponse(String stationCode, String stationName, LocalDate from, LocalDate to,
                                          long evaluations, Map<String, Long> grades, Double satisfactionRate,
                                          long delivered, Double evaluatedShare, long completed, Double onTimeRate,
                                          long poorGrades, long rectificationsDone, long complaints,
                                          Double complaintTimelinessRate,
                                          // added for 一事一评 by the client (`003 三(二)3`) and 电话回访 (`004 §7.1.3`),
                                          // nullable: client-entered and staff-entered grades apart, phone
                                          // follow-ups and those of poor grades
                                          Long clientEntered, Double clientSatisfactionRate, Long staffEntered,
                                          Double staffSatisfactionRate, Long phoneFollowUps,
                                          Long poorGradeFollowUps,
                                          // added for 对服务人员的工作应及时评价，并及时公布结果 (`004 §7.1.1`),
                                          // nullable: each active agent's results, by name
                                          List<AgentResult> agents,
                                          // added for the aspects of `004 §7.1.2` (服务态度、服务质量、服务效率) at the
                                          // station's level, nullable: the share of the period's evaluations graded
                                          // satisfied in each, as the agents' rates count them
                                          Double attitudeRate, Double qualityRate, Double efficiencyRate) {

    /**
     * One active agent's evaluations in the period (`004 §7.1.1`, the aspects of `004 §7.1.2`): by name only, as the
     * public guide names them; each rate the share graded 非常满意, 满意 or 基本满意, as the station's own rate counts.
     */
    public record AgentResult(String name, long evaluations, Double satisfactionRate, Double attitudeRate,
                              Double qualityRate, Double efficiencyRate) {
    }
}

package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
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
                                          Long poorGradeFollowUps) {
}

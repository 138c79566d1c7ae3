package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
import java.util.Map;

public record SatisfactionSummaryResponse(String stationCode, String stationName, LocalDate from, LocalDate to,
                                          long evaluations, Map<String, Long> grades, Double satisfactionRate,
                                          long delivered, Double evaluatedShare, long completed, Double onTimeRate,
                                          long poorGrades, long rectificationsDone, long complaints,
                                          Double complaintTimelinessRate) {
}

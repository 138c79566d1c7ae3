package cn.daiban.kernel.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The five-grade distribution of valid grades per group, the satisfaction rate (非常满意, 满意 and 基本满意 over all
 * valid grades), attitude, quality and efficiency broken out, and the share of delivered matters that were
 * evaluated (for groups that have deliveries: station, agent, item); client-entered and staff-entered grades apart,
 * and the phone follow-ups (of poor grades apart).
 */
public record SatisfactionResponse(String groupBy, List<Group> groups) {

    public record Group(String key, long evaluations, Map<String, Long> overall, Double satisfactionRate,
                        Map<String, Long> attitude, Map<String, Long> quality, Map<String, Long> efficiency,
                        Long delivered, Long deliveredAndEvaluated, Double evaluatedShare,
                        // added for 一事一评 by the client (`003 三(二)3`) and 电话回访 (`004 §7.1.3`), nullable: grades
                        // the client entered through their invitation (channel CLIENT) and those staff typed in
                        // (device, paper, phone follow-up, online), apart; phone follow-up calls made in the period,
                        // and those of them that followed a poor grade
                        Long clientEntered, Map<String, Long> clientOverall, Double clientSatisfactionRate,
                        Long staffEntered, Map<String, Long> staffOverall, Double staffSatisfactionRate,
                        Long phoneFollowUps, Long poorGradeFollowUps) {
    }
}

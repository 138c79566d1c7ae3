package cn.daiban.kernel.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The five-grade distribution of valid grades per group, the satisfaction rate (非常满意, 满意 and 基本满意 over all
 * valid grades), attitude, quality and efficiency broken out, and the share of delivered matters that were
 * evaluated (for groups that have deliveries: station, agent, item).
 */
public record SatisfactionResponse(String groupBy, List<Group> groups) {

    public record Group(String key, long evaluations, Map<String, Long> overall, Double satisfactionRate,
                        Map<String, Long> attitude, Map<String, Long> quality, Map<String, Long> efficiency,
                        Long delivered, Long deliveredAndEvaluated, Double evaluatedShare) {
    }
}

package cn.daiban.kernel.station;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record StatisticsSubmissionsResponse(String parentCode, String period, List<Submission> submitted,
                                            List<Missing> missing) {

    public record Submission(String stationCode, String stationName, Instant submittedAt, String submittedBy,
                             int corrections, Map<String, Double> figures) {
    }

    public record Missing(String stationCode, String stationName) {
    }
}

package cn.daiban.kernel.station;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record StatisticsSubmissionsResponse(String parentCode, String period, List<Submission> submitted,
                                            List<Missing> missing) {

    /**
     * {@code figures}: what the station typed in (old clients; empty otherwise). Added at the end: {@code computed},
     * the figures the system computed for the period when the latest submission was followed (frozen), with the
     * SHA-256 {@code digest} of their canonical form; {@code recount}, the same figures counted now, and in which
     * figures it differs; the station's {@code remarks} and {@code figureCorrections} (figure, value, reason), kept
     * beside the computed figures.
     */
    public record Submission(String stationCode, String stationName, Instant submittedAt, String submittedBy,
                             int corrections, Map<String, Double> figures,
                             Map<String, Double> computed, String digest, Map<String, Double> recount,
                             Boolean recountDiffers, List<String> recountDiffersIn, String remarks,
                             List<FigureCorrection> figureCorrections) {

        public Submission(String stationCode, String stationName, Instant submittedAt, String submittedBy,
                          int corrections, Map<String, Double> figures) {
            this(stationCode, stationName, submittedAt, submittedBy, corrections, figures, null, null, null, null,
                    null, null, null);
        }
    }

    public record Missing(String stationCode, String stationName) {
    }
}

package cn.daiban.kernel.station;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;

/**
 * Statistics submitted to the supervising station ({@code parentCode}; null for a county centre: the administration).
 * The figures the system computes are frozen by the query side when it follows this event; {@code figures} are
 * those the station typed in (before the computation existed; empty now unless an old client sends them).
 * {@code remarks} and {@code corrections} were added at the end, nullable: an event stored before reads as none.
 */
@Revision("1")
public record StationStatisticsSubmittedEvent(StationCode stationCode, String period, StationCode parentCode,
                                              Map<String, Double> figures, boolean correction, String correctionReason,
                                              String remarks, List<FigureCorrection> corrections) {

    public StationStatisticsSubmittedEvent(StationCode stationCode, String period, StationCode parentCode,
                                           Map<String, Double> figures, boolean correction, String correctionReason) {
        this(stationCode, period, parentCode, figures, correction, correctionReason, null, null);
    }

    /** The corrections, none for an event stored before they existed. */
    public List<FigureCorrection> correctionsOrNone() {
        return corrections == null ? List.of() : corrections;
    }
}

package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A station submits its statistics for a period (a year 2026, a quarter 2026-Q4 or a month 2026-11) to the level
 * above (数据统计上报, `002 服务人员`). A second submission for the same period is a correction and needs a reason.
 * The statistics themselves are computed by the system from the period's events (the query side freezes them when
 * it follows the submission); the station adds {@code remarks} and {@code corrections}, kept beside the computed
 * figures, never over them. {@code figures} (typed in, as before) is optional now and kept as the station's own
 * reported figures, apart.
 */
public record SubmitStationStatisticsCommand(@TargetAggregateIdentifier StationCode stationCode, String period,
                                             Map<String, Double> figures, String correctionReason,
                                             // added at the end, nullable
                                             String remarks, List<FigureCorrection> corrections)
        implements StationScoped {

    public SubmitStationStatisticsCommand(StationCode stationCode, String period, Map<String, Double> figures,
                                          String correctionReason) {
        this(stationCode, period, figures, correctionReason, null, null);
    }

    static final Pattern PERIOD = Pattern.compile("\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?");

    public SubmitStationStatisticsCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        figures = figures == null ? Map.of() : figures;
        Require.atMost(figures, InputLimits.FIGURES, "figures");
        corrections = corrections == null ? List.of() : corrections;
        Require.atMost(corrections, InputLimits.FIGURES, "corrections");
        java.util.List<FigureCorrection> checked = new java.util.ArrayList<>();
        for (int i = 0; i < corrections.size(); i++) {
            if (corrections.get(i) == null) {
                throw new InvalidValueException("corrections[" + i + "]", "must not be null");
            }
            checked.add(corrections.get(i).checked("corrections[" + i + "]"));
        }
        corrections = List.copyOf(checked);
        Require.present(stationCode, "stationCode");
        Require.matching(period, PERIOD, "period", "must be a year (2026), a quarter (2026-Q4) or a month (2026-11)");
        // The years the views keep figures for (as an assessment's publication): one outside them was taken here and
        // parked on the query side, and every later submission of the station waited behind it.
        Require.serviceYear(Integer.parseInt(period.substring(0, 4)), "period");
        figures.forEach((name, value) -> {
            Require.text(name, "figures", 64);
            if (value == null || value < 0 || value.isNaN() || value.isInfinite()) {
                throw new InvalidValueException("figures." + name, "must be a number not below zero");
            }
        });
        figures = new TreeMap<>(figures);
        correctionReason = Require.optionalText(correctionReason, "correctionReason", 500);
        remarks = Require.optionalText(remarks, "remarks", 2000);
    }
}

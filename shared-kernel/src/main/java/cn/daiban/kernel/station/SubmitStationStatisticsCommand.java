package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A station submits its statistics for a period (a year 2026, a quarter 2026-Q4 or a month 2026-11) to the level
 * above (数据统计上报, `002 服务人员`). A second submission for the same period is a correction and needs a reason.
 */
public record SubmitStationStatisticsCommand(@TargetAggregateIdentifier StationCode stationCode, String period,
                                             Map<String, Double> figures, String correctionReason) implements StationScoped {

    static final Pattern PERIOD = Pattern.compile("\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?");

    public SubmitStationStatisticsCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(figures, InputLimits.FIGURES, "figures");
        Require.present(stationCode, "stationCode");
        Require.matching(period, PERIOD, "period", "must be a year (2026), a quarter (2026-Q4) or a month (2026-11)");
        Require.present(figures, "figures");
        if (figures.isEmpty()) {
            throw new InvalidValueException("figures", "must not be empty");
        }
        figures.forEach((name, value) -> {
            Require.text(name, "figures", 64);
            if (value == null || value < 0 || value.isNaN() || value.isInfinite()) {
                throw new InvalidValueException("figures." + name, "must be a number not below zero");
            }
        });
        figures = new TreeMap<>(figures);
        correctionReason = Require.optionalText(correctionReason, "correctionReason", 500);
    }
}

package cn.daiban.command.station;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.station.FigureCorrection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The station's corrections of its computed statistics (数据统计上报, `002 服务人员`): kept beside the computed
 * figures, never over them; each names one figure, with the value the station holds right and why.
 */
final class StatisticsCorrections {

    /** One submission corrects a figure at most once: two values for one figure would say nothing. */
    static final String ONCE_PER_FIGURE = "statistics-correction-once-per-figure";

    private StatisticsCorrections() {
    }

    static void requireOncePerFigure(List<FigureCorrection> corrections) {
        Set<String> seen = new HashSet<>();
        for (FigureCorrection correction : corrections) {
            if (!seen.add(correction.figure())) {
                throw DomainRuleException.ruleViolated(ONCE_PER_FIGURE, "corrections",
                        "figure " + correction.figure() + " is corrected twice: give one value and one reason");
            }
        }
    }
}

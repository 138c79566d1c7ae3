package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

/**
 * A station's correction of one computed statistic (数据统计上报, `002 服务人员`): the figure it names (as the computed
 * figures name it, e.g. {@code volume} or {@code volume.kind.PROXY}), the value the station holds right, and why.
 * Kept beside the computed figure, never over it: both are shown.
 */
public record FigureCorrection(String figure, Double value, String reason) {

    /** Checked by the command that carries it ({@code field}: {@code corrections[i]}), so the answer names it. */
    public FigureCorrection checked(String field) {
        String name = Require.text(figure, field + ".figure", 64);
        if (value == null || value < 0 || value.isNaN() || value.isInfinite()) {
            throw new InvalidValueException(field + ".value", "must be a number not below zero");
        }
        return new FigureCorrection(name, value, Require.text(reason, field + ".reason", 500));
    }
}

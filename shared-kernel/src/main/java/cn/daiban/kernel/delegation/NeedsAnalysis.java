package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;

import java.util.List;

/**
 * The needs analysis recorded before a proxy is commissioned (需求分析, `002 代办服务流程`): difficulty,
 * estimated working days, the steps, and that the client confirmed it.
 */
public record NeedsAnalysis(Difficulty difficulty, int estimatedWorkingDays, List<String> steps,
                            boolean confirmedByClient) {

    public NeedsAnalysis {
        Require.present(difficulty, "needsAnalysis.difficulty");
        Require.between(estimatedWorkingDays, 0, 365, "needsAnalysis.estimatedWorkingDays");
        steps = List.copyOf(Require.notEmpty(steps, "needsAnalysis.steps"));
        steps.forEach(step -> Require.text(step, "needsAnalysis.steps", 200));
    }
}

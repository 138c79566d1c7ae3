package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DelegationEvaluatedEvent(
        DelegationId delegationId,
        int evaluationNumber,
        SatisfactionGrade overall,
        SatisfactionGrade attitude,
        SatisfactionGrade quality,
        SatisfactionGrade efficiency,
        EvaluationChannel channel,
        String comment,
        LocalDate evaluatedOn) {
}

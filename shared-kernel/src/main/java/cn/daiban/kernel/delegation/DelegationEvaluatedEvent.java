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
        LocalDate evaluatedOn,
        // added for 一事一评 by the client (`003 三(二)3`): nullable; the member of staff who typed the grade in
        // (actor id), null when the client graded through their invitation (channel CLIENT) and in older events
        String enteredBy) {

    /** A grade as recorded before {@code enteredBy} existed. */
    public DelegationEvaluatedEvent(DelegationId delegationId, int evaluationNumber, SatisfactionGrade overall,
                                    SatisfactionGrade attitude, SatisfactionGrade quality,
                                    SatisfactionGrade efficiency, EvaluationChannel channel, String comment,
                                    LocalDate evaluatedOn) {
        this(delegationId, evaluationNumber, overall, attitude, quality, efficiency, channel, comment, evaluatedOn,
                null);
    }
}

package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A phone follow-up call was recorded (`004 §7.1.3`). {@code number} counts the calls of the matter;
 * {@code evaluationNumber} is the valid evaluation at the time (null before any) and {@code ofPoorGrade} whether
 * that grade was poor (不满意 / 非常不满意), so that follow-ups of poor grades can be counted.
 */
@Revision("1")
public record PhoneFollowUpRecordedEvent(
        DelegationId delegationId,
        int number,
        String calledBy,
        Instant calledAt,
        boolean reached,
        String summary,
        Integer evaluationNumber,
        boolean ofPoorGrade) {
}

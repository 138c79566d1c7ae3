package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A home visit was made: when it was agreed for and when the agent arrived; {@code late} when the arrival was after
 * the agreed time (`003 附件3 六5`: 在约定时间提供上门服务), which supervision sees.
 */
@Revision("1")
public record HomeVisitRecordedEvent(DelegationId delegationId, Instant agreedAt, Instant arrivedAt, boolean late,
                                     long minutesLate, String note) {
}

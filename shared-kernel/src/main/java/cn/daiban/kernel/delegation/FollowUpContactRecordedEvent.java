package cn.daiban.kernel.delegation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A follow-up contact after completion (跟踪服务, `002 一站式办理`), numbered per matter from 1. */
@Revision("1")
public record FollowUpContactRecordedEvent(DelegationId delegationId, int number, String contactedBy,
                                           Instant contactedAt, ProgressChannel channel, String summary) {
}

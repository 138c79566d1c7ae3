package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An entry of the matter's work log (工作日志, `002 代办·承办`, `004 §6.3.3.2.3`), numbered per matter from 1;
 * {@code resolves} is the number of an earlier problem this entry resolves, or null.
 */
@Revision("1")
public record WorkLogEntryRecordedEvent(DelegationId delegationId, int number, String recordedBy, Instant occurredAt,
                                        WorkLogEntryKind kind, String summary, String analysis, String resolution,
                                        String department, String contact, Integer resolves) {
}

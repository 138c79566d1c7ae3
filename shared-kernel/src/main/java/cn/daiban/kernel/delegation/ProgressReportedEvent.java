package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

/**
 * Progress reported to the client. Revision 2 records the channel as a {@link ProgressChannel} (revision 1 had
 * free text, kept as {@code channelNote} by {@code ProgressReportedEventUpcaster}).
 */
@Revision("2")
public record ProgressReportedEvent(DelegationId delegationId, String note, ProgressChannel channel, String channelNote) {
}

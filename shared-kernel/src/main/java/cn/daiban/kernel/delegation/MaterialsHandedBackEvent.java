package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every material was handed back to the client of an ended matter, listed, signed for by the client, dated
 * (`002 帮办·办结`, `002 代办·办结`): the handover record.
 */
@Revision("1")
public record MaterialsHandedBackEvent(DelegationId delegationId, List<String> materials, boolean signedByClient,
                                       String note, LocalDate handedBackOn) {
}

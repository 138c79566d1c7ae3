package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A tolerated material is past the date the client committed to; it is followed up like a supplement. */
@Revision("1")
public record ToleratedMaterialOverdueEvent(DelegationId delegationId, String materialName, LocalDate committedDate) {
}

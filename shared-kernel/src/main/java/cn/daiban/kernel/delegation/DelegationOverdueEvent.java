package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The promised deadline passed without completion (超期). */
@Revision("1")
public record DelegationOverdueEvent(DelegationId delegationId, LocalDate deadline) {
}

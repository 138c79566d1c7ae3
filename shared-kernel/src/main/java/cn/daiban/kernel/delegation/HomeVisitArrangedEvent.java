package cn.daiban.kernel.delegation;

import cn.daiban.kernel.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** A home visit was agreed (the delegation is in HOME_VISIT mode from now on); the address is sealed personal data. */
@Revision("1")
public record HomeVisitArrangedEvent(@DataSubject DelegationId delegationId, ServiceMode previousMode,
                                     HomeVisitAppointment homeVisit, String reason) {
}

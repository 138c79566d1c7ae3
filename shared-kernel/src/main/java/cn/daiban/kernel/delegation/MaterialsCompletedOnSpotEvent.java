package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** Materials were completed at the counter (当场补正, `000 §6.3.3`): no wait opened, the clock ran on. */
@Revision("1")
public record MaterialsCompletedOnSpotEvent(DelegationId delegationId, List<String> materialNames,
                                            LocalDate completedOn) {
}

package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Missing materials requested; the clock stops until they arrive. {@code breachOfOneTimeNotice} marks a second request (违反一次性告知), which supervision sees. */
@Revision("1")
public record SupplementRequestedEvent(
        DelegationId delegationId,
        int requestNumber,
        List<MissingMaterial> materials,
        LocalDate requestedOn,
        LocalDate dueDate,
        String justification,
        boolean breachOfOneTimeNotice) {
}

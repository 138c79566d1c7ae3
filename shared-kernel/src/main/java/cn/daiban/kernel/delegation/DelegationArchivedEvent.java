package cn.daiban.kernel.delegation;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DelegationArchivedEvent(DelegationId delegationId, String archiveReference, List<String> documents, LocalDate archivedOn) {
}

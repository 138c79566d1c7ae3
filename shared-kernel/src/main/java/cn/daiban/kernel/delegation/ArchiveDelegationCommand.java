package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** File the matter's documents (`002 资料归档`). */
public record ArchiveDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, String archiveReference, List<String> documents) implements DelegationTargeted {

    public ArchiveDelegationCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(documents, InputLimits.DOCUMENTS, "documents");
        Require.present(delegationId, "delegationId");
        archiveReference = Require.text(archiveReference, "archiveReference", 64);
        documents = List.copyOf(Require.notEmpty(documents, "documents"));
    }
}

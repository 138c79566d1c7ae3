package cn.daiban.kernel.delegation;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Change the categories the client carries (`002 服务对象`), e.g. 特事特办 after a complaint; the whole new set. */
public record ChangeClientCategoriesCommand(@TargetAggregateIdentifier DelegationId delegationId,
                                            Set<ClientCategoryCode> clientCategories, String reason)
        implements DelegationTargeted {

    public ChangeClientCategoriesCommand {
        Require.present(delegationId, "delegationId");
        clientCategories = clientCategories == null ? Set.of() : Set.copyOf(clientCategories);
        Require.atMost(clientCategories, MAX_CATEGORIES, "clientCategories");
        reason = Require.optionalText(reason, "reason", 500);
    }

    /** At most this many categories on one client. */
    public static final int MAX_CATEGORIES = 20;
}

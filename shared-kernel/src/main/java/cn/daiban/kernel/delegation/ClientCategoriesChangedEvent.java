package cn.daiban.kernel.delegation;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Set;

/** The client's categories changed: the whole new set, and the previous one for the history. */
@Revision("1")
public record ClientCategoriesChangedEvent(DelegationId delegationId, Set<ClientCategoryCode> previous,
                                           Set<ClientCategoryCode> clientCategories, String reason,
                                           LocalDate changedOn) {
}

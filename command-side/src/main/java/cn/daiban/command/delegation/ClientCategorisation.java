package cn.daiban.command.delegation;

import cn.daiban.command.clientcategory.ClientCategories;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.delegation.ChangeClientCategoriesCommand;
import cn.daiban.kernel.delegation.ClientCategoriesChangedEvent;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The categories the client carries (`002 服务对象`: 重点企业和重大项目, 高端人才, 残疾人 / 老人 / 孕妇, 军人, 特事特办 …),
 * set at commissioning and changed later, each from the client-category list. A member of {@link Delegation}.
 *
 * <p>Assumption: categories may change for as long as the matter is not archived, delivered and completed matters
 * included (a complaint that makes it 特事特办 often comes after delivery); an archived file is closed.
 */
class ClientCategorisation {

    private final Delegation delegation;
    private Set<ClientCategoryCode> categories = Set.of();

    ClientCategorisation(Delegation delegation) {
        this.delegation = delegation;
    }

    @CommandHandler
    long handle(ChangeClientCategoriesCommand command, ClientCategories list, DelegationPolicy policy) {
        if (delegation.status() == DelegationStatus.ARCHIVED || delegation.status() == DelegationStatus.DECLINED) {
            throw DomainRuleException.illegalTransition(DELEGATION_STATUS, "cannot change the client categories of "
                    + "delegation " + delegation.id() + ": it is " + delegation.status());
        }
        if (command.clientCategories().equals(categories)) {
            throw DomainRuleException.ruleViolated(CLIENT_CATEGORIES_CHANGE, "clientCategories",
                    "the client already carries exactly these categories");
        }
        CommissioningRules.clientCategoriesListed(command.clientCategories(), list);
        apply(new ClientCategoriesChangedEvent(delegation.id(), categories, command.clientCategories(),
                command.reason(), Delegation.today(policy)));
        return getVersion();
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        categories = Set.copyOf(event.clientCategoriesOrNone());
    }

    @EventSourcingHandler
    void on(ClientCategoriesChangedEvent event) {
        categories = Set.copyOf(event.clientCategories());
    }
}

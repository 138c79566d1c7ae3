package cn.daiban.command.clientcategory;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.clientcategory.ClientCategoryDefinedEvent;
import cn.daiban.kernel.clientcategory.DefineClientCategoryCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One category of the client-category list (`002 服务对象`: 重点企业和重大项目, 高端人才, 残疾人 / 老人 / 孕妇, 军人,
 * 特事特办 …): reference data, as the catalogue is. The seed's types are fixed ({@code ClientCategoryGroup}); an
 * administrator adds categories under them. Assumption: a category is never withdrawn or renamed (a delegation
 * keeps the codes it was tagged with; the list only grows).
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class ClientCategory {

    static final String CODE_UNIQUE = "client-category-code-unique";

    @AggregateIdentifier
    private ClientCategoryCode code;

    ClientCategory() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(DefineClientCategoryCommand command, ClientCategories categories) {
        if (categories.unknown(Set.of(command.code())).isEmpty()) {
            throw DomainRuleException.illegalTransition(CODE_UNIQUE,
                    "client category " + command.code() + " is already in the list");
        }
        apply(new ClientCategoryDefinedEvent(command.code(), command.label(), command.group(), command.sample()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ClientCategoryDefinedEvent event) {
        code = event.code();
    }
}

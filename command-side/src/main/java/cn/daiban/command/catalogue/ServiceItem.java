package cn.daiban.command.catalogue;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.catalogue.PublishServiceItemCommand;
import cn.daiban.kernel.catalogue.ReviseServiceItemCommand;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.ServiceItemRevisedEvent;
import cn.daiban.kernel.catalogue.ServiceItemWithdrawnEvent;
import cn.daiban.kernel.catalogue.WithdrawServiceItemCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** One item of the service-item catalogue (事项清单) and its revisions; every revision is kept. */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class ServiceItem {

    @AggregateIdentifier
    private ServiceItemCode code;
    private int revision;
    private ServiceItemDefinition definition;
    private boolean withdrawn;

    ServiceItem() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(PublishServiceItemCommand command, ServiceItemCatalog catalog) {
        if (catalog.find(command.code()).isPresent()) {
            throw DomainRuleException.illegalTransition("item-code-unique",
                    "service item " + command.code() + " is already in the catalogue");
        }
        apply(new ServiceItemPublishedEvent(command.code(), 1, command.definition(), command.sample()));
        return getVersion();
    }

    @CommandHandler
    long handle(ReviseServiceItemCommand command) {
        requirePublished("revise");
        if (command.definition().equals(definition)) {
            throw DomainRuleException.ruleViolated("revision-changes-something", "definition",
                    "the revision is identical to revision " + revision);
        }
        apply(new ServiceItemRevisedEvent(code, revision + 1, command.definition(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(WithdrawServiceItemCommand command) {
        requirePublished("withdraw");
        apply(new ServiceItemWithdrawnEvent(code, revision, command.reason()));
        return getVersion();
    }

    private void requirePublished(String action) {
        if (withdrawn) {
            throw DomainRuleException.illegalTransition("item-published",
                    "cannot " + action + " " + code + ": it has been withdrawn");
        }
    }

    @EventSourcingHandler
    void on(ServiceItemPublishedEvent event) {
        code = event.code();
        revision = event.revision();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(ServiceItemRevisedEvent event) {
        revision = event.revision();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(ServiceItemWithdrawnEvent event) {
        withdrawn = true;
    }
}

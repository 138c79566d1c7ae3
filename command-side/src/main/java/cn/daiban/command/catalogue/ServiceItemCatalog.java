package cn.daiban.command.catalogue;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;

import java.util.Optional;

/** What a command handler may ask about the service-item catalogue. */
public interface ServiceItemCatalog {

    Optional<PublishedServiceItem> find(ServiceItemCode code);

    record PublishedServiceItem(ServiceItemCode code, int revision, ServiceItemDefinition definition,
                                boolean withdrawn) {
    }
}

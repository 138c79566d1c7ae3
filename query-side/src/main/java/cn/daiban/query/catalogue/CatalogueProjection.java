package cn.daiban.query.catalogue;

import cn.daiban.kernel.catalogue.FetchServiceItemCatalogueQuery;
import cn.daiban.kernel.catalogue.FetchServiceItemQuery;
import cn.daiban.kernel.catalogue.ServiceItemCatalogueResponse;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.ServiceItemResponse;
import cn.daiban.kernel.catalogue.ServiceItemRevisedEvent;
import cn.daiban.kernel.catalogue.ServiceItemWithdrawnEvent;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The catalogue as published now, and every revision of every item. */
@Component
@ProcessingGroup("catalogue")
class CatalogueProjection {

    private final ServiceItemRepository items;
    private final ServiceItemRevisionRepository revisions;

    CatalogueProjection(ServiceItemRepository items, ServiceItemRevisionRepository revisions) {
        this.items = items;
        this.revisions = revisions;
    }

    @EventHandler
    void on(ServiceItemPublishedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        ServiceItemEntity item = items.findById(event.code().value())
                .orElseGet(() -> new ServiceItemEntity(event.code().value()));
        item.published(event.revision(), event.definition(), event.sample());
        items.save(item);
        revisions.save(new ServiceItemRevisionEntity(event.code().value(), event.revision(), at, actor,
                event.sample() ? "起步清单（示例数据）" : "发布", event.definition()));
    }

    @EventHandler
    void on(ServiceItemRevisedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        items.findById(event.code().value()).ifPresent(item -> item.revised(event.revision(), event.definition()));
        revisions.save(new ServiceItemRevisionEntity(event.code().value(), event.revision(), at, actor,
                event.reason(), event.definition()));
    }

    @EventHandler
    void on(ServiceItemWithdrawnEvent event) {
        items.findById(event.code().value()).ifPresent(ServiceItemEntity::withdrawn);
    }

    @ResetHandler
    void reset() {
        revisions.deleteAllInBatch();
        items.deleteAllInBatch();
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ServiceItemCatalogueResponse handle(FetchServiceItemCatalogueQuery query) {
        Page<ServiceItemEntity> page = items.search(query.department(),
                query.level() == null ? null : query.level().name(), query.online(), query.privacy(),
                query.status() == null ? null : query.status().name(), query.text(),
                PageRequest.of(query.page(), query.size()));
        return new ServiceItemCatalogueResponse(page.map(item -> item.toResponse(List.of())).getContent(),
                query.page(), query.size(), page.getTotalElements());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<ServiceItemResponse> handle(FetchServiceItemQuery query) {
        return items.findById(query.code().value()).map(item -> item.toResponse(
                revisions.findByCodeOrderByRevision(query.code().value()).stream()
                        .map(ServiceItemRevisionEntity::toResponse).toList()));
    }
}

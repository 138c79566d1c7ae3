package cn.daiban.query.web;

import cn.daiban.kernel.catalogue.FetchServiceItemCatalogueQuery;
import cn.daiban.kernel.catalogue.FetchServiceItemQuery;
import cn.daiban.kernel.catalogue.ServiceItemCatalogueResponse;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemResponse;
import cn.daiban.kernel.station.StationLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalogue/items")
@Tag(name = "Catalogue", description = "事项清单 and the revision history of each item")
class CatalogueQueryController {

    private final QueryGateway queries;

    CatalogueQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "The catalogue, filtered by department, level with authority, online, privacy, status, name")
    ServiceItemCatalogueResponse catalogue(@RequestParam(required = false) String department,
                                           @RequestParam(required = false) StationLevel level,
                                           @RequestParam(required = false) Boolean online,
                                           @RequestParam(required = false) Boolean privacy,
                                           @RequestParam(required = false) FetchServiceItemCatalogueQuery.Status status,
                                           @RequestParam(required = false) String q,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        return queries.query(new FetchServiceItemCatalogueQuery(department, level, online, privacy, status, q, page, size),
                ResponseTypes.instanceOf(ServiceItemCatalogueResponse.class)).join();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One item: its current revision, status and every revision")
    ServiceItemResponse item(@PathVariable String code) {
        return queries.query(new FetchServiceItemQuery(ServiceItemCode.of(code)),
                        ResponseTypes.optionalInstanceOf(ServiceItemResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("service item " + code));
    }
}

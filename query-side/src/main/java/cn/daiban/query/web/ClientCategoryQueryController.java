package cn.daiban.query.web;

import cn.daiban.kernel.clientcategory.ClientCategoriesResponse;
import cn.daiban.kernel.clientcategory.FetchClientCategoriesQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Client categories", description = "服务对象 categories (002 服务对象): reference data")
class ClientCategoryQueryController {

    private final QueryGateway queries;

    ClientCategoryQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/client-categories")
    @Operation(summary = "The client-category list a delegation's client is tagged from")
    ClientCategoriesResponse categories() {
        return queries.query(new FetchClientCategoriesQuery(),
                ResponseTypes.instanceOf(ClientCategoriesResponse.class)).join();
    }
}

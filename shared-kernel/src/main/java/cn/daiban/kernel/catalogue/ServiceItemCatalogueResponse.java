package cn.daiban.kernel.catalogue;

import java.util.List;

public record ServiceItemCatalogueResponse(List<ServiceItemResponse> items, int page, int size, long totalItems) {
}

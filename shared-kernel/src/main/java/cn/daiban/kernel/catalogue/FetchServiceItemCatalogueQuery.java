package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationLevel;

/**
 * The catalogue, filtered by department, a level with authority, online availability, privacy, status
 * (PUBLISHED / WITHDRAWN) and a text in the name; paged by code.
 */
public record FetchServiceItemCatalogueQuery(String department, StationLevel level, Boolean online, Boolean privacy,
                                             Status status, String text, int page, int size) {

    public enum Status { PUBLISHED, WITHDRAWN }

    public FetchServiceItemCatalogueQuery {
        department = Require.optionalText(department, "department", 64);
        text = Require.optionalText(text, "q", 64);
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

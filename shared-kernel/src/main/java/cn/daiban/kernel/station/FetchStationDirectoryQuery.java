package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;

/**
 * The station directory, filtered by any of level, parent, status and region (a division-code prefix: 14 for
 * the province, 140521 for a county), paged.
 */
public record FetchStationDirectoryQuery(StationLevel level, StationCode parentCode, StationStatus status,
                                         String regionPrefix, int page, int size) {

    public FetchStationDirectoryQuery {
        if (regionPrefix != null) {
            Require.matching(regionPrefix, java.util.regex.Pattern.compile("\\d{2,12}"), "region",
                    "must be 2 to 12 digits of a division code");
        }
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

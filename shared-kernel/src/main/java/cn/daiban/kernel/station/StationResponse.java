package cn.daiban.kernel.station;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A station as the directory shows it. */
public record StationResponse(
        String stationCode,
        String name,
        StationLevel level,
        String parentCode,
        HostOrganisationType hostType,
        String region,
        String address,
        String managerName,
        String managerPhone,
        String supervisionPhone,
        StationStatus status,
        List<StationWindow> windows,
        Set<String> serviceItemCodes,
        Instant appliedAt,
        Instant openedAt,
        Instant closedAt) {
}

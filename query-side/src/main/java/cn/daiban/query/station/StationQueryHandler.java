package cn.daiban.query.station;

import cn.daiban.kernel.station.FetchStationApplicationsQuery;
import cn.daiban.kernel.station.FetchStationDirectoryQuery;
import cn.daiban.kernel.station.FetchStationQuery;
import cn.daiban.kernel.station.StationApplicationsResponse;
import cn.daiban.kernel.station.StationDirectoryResponse;
import cn.daiban.kernel.station.StationResponse;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

@Component
class StationQueryHandler {

    private final StationRepository stations;
    private final StationApplicationRepository applications;

    StationQueryHandler(StationRepository stations, StationApplicationRepository applications) {
        this.stations = stations;
        this.applications = applications;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    StationDirectoryResponse handle(FetchStationDirectoryQuery query) {
        Specification<StationEntity> filter = (root, q, cb) -> cb.conjunction();
        if (query.level() != null) {
            filter = filter.and((root, q, cb) -> cb.equal(root.get("level"), query.level()));
        }
        if (query.parentCode() != null) {
            filter = filter.and((root, q, cb) -> cb.equal(root.get("parentCode"), query.parentCode().value()));
        }
        if (query.status() != null) {
            filter = filter.and((root, q, cb) -> cb.equal(root.get("status"), query.status()));
        }
        if (query.regionPrefix() != null) {
            filter = filter.and((root, q, cb) -> cb.like(root.get("region"), query.regionPrefix() + "%"));
        }
        Page<StationEntity> page = stations.findAll(filter,
                PageRequest.of(query.page(), query.size(), Sort.by("stationCode")));
        return new StationDirectoryResponse(page.map(StationEntity::toResponse).getContent(), query.page(),
                query.size(), page.getTotalElements());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<StationResponse> handle(FetchStationQuery query) {
        return stations.findById(query.stationCode().value()).map(StationEntity::toResponse);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<StationApplicationsResponse> handle(FetchStationApplicationsQuery query) {
        String code = query.stationCode().value();
        if (!stations.existsById(code)) {
            return Optional.empty();
        }
        return Optional.of(new StationApplicationsResponse(code,
                applications.findByStationCodeOrderByRequestedAtAscApplicationIdAsc(code).stream()
                        .map(StationApplicationEntity::toResponse).toList()));
    }
}

package cn.daiban.query.station;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface StationApplicationRepository extends JpaRepository<StationApplicationEntity, String> {

    List<StationApplicationEntity> findByStationCodeOrderByRequestedAtAscApplicationIdAsc(String stationCode);

    Optional<StationApplicationEntity> findFirstByStationCodeAndKindOrderByRequestedAtDesc(
            String stationCode, cn.daiban.kernel.station.StationApplicationsResponse.Kind kind);
}

package cn.daiban.query.station;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface StationRepository extends JpaRepository<StationEntity, String>, JpaSpecificationExecutor<StationEntity> {
}

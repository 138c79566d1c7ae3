package cn.daiban.query.catalogue;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ServiceItemRepository extends JpaRepository<ServiceItemEntity, String> {

    @Query(value = """
            select * from service_item
            where (cast(:department as varchar) is null or department = :department)
              and (cast(:level as varchar) is null or cast(:level as varchar) = any(authority_levels))
              and (cast(:online as boolean) is null or online_available = :online)
              and (cast(:privacy as boolean) is null or touches_privacy = :privacy)
              and (cast(:status as varchar) is null or status = :status)
              and (cast(:text as varchar) is null or name like '%' || cast(:text as varchar) || '%')
            order by code""",
            countQuery = """
            select count(*) from service_item
            where (cast(:department as varchar) is null or department = :department)
              and (cast(:level as varchar) is null or cast(:level as varchar) = any(authority_levels))
              and (cast(:online as boolean) is null or online_available = :online)
              and (cast(:privacy as boolean) is null or touches_privacy = :privacy)
              and (cast(:status as varchar) is null or status = :status)
              and (cast(:text as varchar) is null or name like '%' || cast(:text as varchar) || '%')""",
            nativeQuery = true)
    Page<ServiceItemEntity> search(@Param("department") String department, @Param("level") String level,
                                   @Param("online") Boolean online, @Param("privacy") Boolean privacy,
                                   @Param("status") String status, @Param("text") String text, Pageable page);
}

package cn.daiban.query.catalogue;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ServiceItemRevisionRepository extends JpaRepository<ServiceItemRevisionEntity, String> {

    List<ServiceItemRevisionEntity> findByCodeOrderByRevision(String code);
}

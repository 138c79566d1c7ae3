package cn.daiban.query.agent;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface AgentRecordRepository extends JpaRepository<AgentRecordEntity, String> {

    List<AgentRecordEntity> findByAgentIdOrderByDate(String agentId);
}

package cn.daiban.query.agent;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

interface AgentRepository extends JpaRepository<AgentEntity, String> {

    @Query("select a from AgentEntity a where a.stationCode = :station and (a.active = true or :inactive = true) order by a.name")
    List<AgentEntity> atStation(@Param("station") String station, @Param("inactive") boolean includeInactive);

    /** Trainings per agent of a station in a year: one grouped query, whatever the number of agents. */
    @Query(value = """
            select r.agent_id, count(*) from agent_record r join agent a on a.agent_id = r.agent_id
            where a.station_code = :station and r.kind = 'TRAINING' and extract(year from r.date) = :year
            group by r.agent_id""", nativeQuery = true)
    List<Object[]> trainingsInYear(@Param("station") String station, @Param("year") int year);

    /** Open delegations per agent of a station. */
    @Query(value = """
            select w.agent_id, count(*) from agent_workload w join agent a on a.agent_id = w.agent_id
            where a.station_code = :station and w.open group by w.agent_id""", nativeQuery = true)
    List<Object[]> workload(@Param("station") String station);
}

package cn.daiban.kernel.agent;

import java.time.LocalDate;
import java.util.List;

/**
 * An agent with their qualification, trainings in {@code year} (twice a year is the norm), and active workload
 * (open delegations they are responsible for). Trainings and assessments are listed only for one agent.
 */
public record AgentResponse(String agentId, String stationCode, String name, String phone, AgentBackground background,
                            AgentRole role, boolean active, LocalDate intakeExperienceSince, boolean qualified,
                            LocalDate qualifiedOn, long trainingsInYear, long activeWorkload,
                            List<Training> trainings, List<Assessment> assessments,
                            // added at the end (003 三(三)): the post, its window code (null for STATION), full-time
                            AgentPost post, String windowCode, Boolean fullTime) {

    public AgentResponse(String agentId, String stationCode, String name, String phone, AgentBackground background,
                         AgentRole role, boolean active, LocalDate intakeExperienceSince, boolean qualified,
                         LocalDate qualifiedOn, long trainingsInYear, long activeWorkload,
                         List<Training> trainings, List<Assessment> assessments) {
        this(agentId, stationCode, name, phone, background, role, active, intakeExperienceSince, qualified,
                qualifiedOn, trainingsInYear, activeWorkload, trainings, assessments, null, null, null);
    }

    public record Training(LocalDate date, String topic, int hours) {
    }

    public record Assessment(LocalDate date, boolean passed, String examiner, String note) {
    }
}

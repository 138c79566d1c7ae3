package cn.daiban.query.agent;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentPost;
import cn.daiban.kernel.agent.AgentResponse;
import cn.daiban.kernel.agent.AgentRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.List;

@Entity
@Table(name = "agent")
class AgentEntity {

    @Id
    @Column(name = "agent_id")
    private String agentId;
    @Column(name = "station_code")
    private String stationCode;
    private String name;
    private String phone;
    @Enumerated(EnumType.STRING)
    private AgentBackground background;
    @Enumerated(EnumType.STRING)
    private AgentRole role;
    private boolean active;
    @Column(name = "intake_experience_since")
    private LocalDate intakeExperienceSince;
    @Column(name = "qualified_on")
    private LocalDate qualifiedOn;
    @Enumerated(EnumType.STRING)
    private AgentPost post = AgentPost.STATION;
    @Column(name = "window_code")
    private String windowCode;
    @Column(name = "full_time")
    private boolean fullTime;

    protected AgentEntity() {
    }

    AgentEntity(String agentId) {
        this.agentId = agentId;
    }

    void registered(String stationCode, String name, String phone, AgentBackground background, AgentRole role,
                    LocalDate intakeExperienceSince) {
        this.stationCode = stationCode;
        this.name = name;
        this.phone = phone;
        this.background = background;
        this.role = role;
        this.intakeExperienceSince = intakeExperienceSince;
        this.active = true;
    }

    /** Null post is the STATION post, null full-time is not full-time (registered before posts existed). */
    void post(AgentPost post, String windowCode, Boolean fullTime) {
        this.post = post == null ? AgentPost.STATION : post;
        this.windowCode = windowCode;
        this.fullTime = Boolean.TRUE.equals(fullTime);
    }

    void qualified(LocalDate on) {
        qualifiedOn = on;
    }

    void role(AgentRole role) {
        this.role = role;
    }

    void station(String stationCode) {
        this.stationCode = stationCode;
        // as on the command side: posted at the new station as a whole until posted anew
        this.post = AgentPost.STATION;
        this.windowCode = null;
    }

    void active(boolean active) {
        this.active = active;
    }

    String agentId() {
        return agentId;
    }

    AgentResponse toResponse(long trainingsInYear, long workload, List<AgentResponse.Training> trainings,
                             List<AgentResponse.Assessment> assessments) {
        return new AgentResponse(agentId, stationCode, name, phone, background, role, active, intakeExperienceSince,
                qualifiedOn != null, qualifiedOn, trainingsInYear, workload, trainings, assessments, post, windowCode,
                fullTime);
    }
}

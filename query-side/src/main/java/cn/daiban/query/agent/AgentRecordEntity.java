package cn.daiban.query.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One training attended or one assessment taken, keyed by the event that recorded it. */
@Entity
@Table(name = "agent_record")
class AgentRecordEntity {

    enum Kind { TRAINING, ASSESSMENT_PASSED, ASSESSMENT_FAILED }

    @Id
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "agent_id")
    private String agentId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Kind kind;
    private LocalDate date;
    private String text;
    private String examiner;
    private int hours;

    protected AgentRecordEntity() {
    }

    AgentRecordEntity(String eventId, String agentId, Kind kind, LocalDate date, String text, String examiner, int hours) {
        this.eventId = eventId;
        this.agentId = agentId;
        this.kind = kind;
        this.date = date;
        this.text = text;
        this.examiner = examiner;
        this.hours = hours;
    }

    Kind kind() {
        return kind;
    }

    LocalDate date() {
        return date;
    }

    String text() {
        return text;
    }

    String examiner() {
        return examiner;
    }

    int hours() {
        return hours;
    }
}

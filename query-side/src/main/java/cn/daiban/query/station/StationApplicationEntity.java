package cn.daiban.query.station;

import cn.daiban.kernel.station.StationApplicationsResponse.Application;
import cn.daiban.kernel.station.StationApplicationsResponse.Kind;
import cn.daiban.kernel.station.StationApplicationsResponse.Outcome;
import cn.daiban.kernel.station.SiteConditions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One application of a station (opening, change, closure) and its decision. */
@Entity
@Table(name = "station_application")
class StationApplicationEntity {

    /** Opening: {@code <code>:opening}; change: the change id; closure: {@code <code>:closure:<sequence>}. */
    @Id
    @Column(name = "application_id")
    private String applicationId;
    @Column(name = "station_code")
    private String stationCode;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private String summary;
    private String reason;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "approver_station_code")
    private String approverStationCode;
    @Column(name = "decision_note")
    private String decisionNote;
    /** What an opening application stated of its site (004 附录A 申请条件), or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "site_conditions")
    private SiteConditions siteConditions;

    protected StationApplicationEntity() {
    }

    StationApplicationEntity(String applicationId, String stationCode, Kind kind, String summary, String reason,
                             Instant requestedAt, String requestedBy) {
        this.applicationId = applicationId;
        this.stationCode = stationCode;
        this.kind = kind;
        this.outcome = Outcome.PENDING;
        this.summary = summary;
        this.reason = reason;
        this.requestedAt = requestedAt;
        this.requestedBy = requestedBy;
    }

    StationApplicationEntity withSiteConditions(SiteConditions conditions) {
        this.siteConditions = conditions;
        return this;
    }

    void decided(Outcome outcome, Instant at, String by, String approverStationCode, String note) {
        this.outcome = outcome;
        this.decidedAt = at;
        this.decidedBy = by;
        this.approverStationCode = approverStationCode;
        this.decisionNote = note;
    }

    Application toResponse() {
        return new Application(applicationId, kind, outcome, summary, reason, requestedAt, requestedBy, decidedAt,
                decidedBy, approverStationCode, decisionNote, siteConditions);
    }
}

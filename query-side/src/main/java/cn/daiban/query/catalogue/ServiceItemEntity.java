package cn.daiban.query.catalogue;

import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.ServiceItemResponse;
import cn.daiban.kernel.station.StationLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;

@Entity
@Table(name = "service_item")
class ServiceItemEntity {

    @Id
    private String code;
    private int revision;
    private String status;
    private boolean sample;
    private String name;
    private String department;
    @Column(name = "online_available")
    private boolean onlineAvailable;
    @Column(name = "touches_privacy")
    private boolean touchesPrivacy;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "authority_levels")
    private String[] authorityLevels;
    @JdbcTypeCode(SqlTypes.JSON)
    private ServiceItemDefinition definition;

    protected ServiceItemEntity() {
    }

    ServiceItemEntity(String code) {
        this.code = code;
    }

    void published(int revision, ServiceItemDefinition definition, boolean sample) {
        this.sample = sample;
        revised(revision, definition);
        this.status = "PUBLISHED";
    }

    void revised(int revision, ServiceItemDefinition definition) {
        this.revision = revision;
        this.definition = definition;
        this.name = definition.name();
        this.department = definition.department();
        this.onlineAvailable = definition.onlineAvailable();
        this.touchesPrivacy = definition.touchesPrivacy();
        this.authorityLevels = definition.authorityLevels().stream().map(StationLevel::name).sorted()
                .toArray(String[]::new);
    }

    void withdrawn() {
        this.status = "WITHDRAWN";
    }

    ServiceItemResponse toResponse(List<ServiceItemResponse.Revision> revisions) {
        return new ServiceItemResponse(code, revision, status, sample, definition, revisions);
    }
}

package cn.daiban.query.catalogue;

import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.ServiceItemResponse;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** Every revision of every item, kept whole: what a delegation of that revision was promised. */
@Entity
@Table(name = "service_item_revision")
class ServiceItemRevisionEntity {

    @Id
    private String id;
    private String code;
    private int revision;
    @Column(name = "revised_at")
    private Instant revisedAt;
    @Column(name = "actor_id")
    private String actorId;
    private String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    private ServiceItemDefinition definition;

    protected ServiceItemRevisionEntity() {
    }

    ServiceItemRevisionEntity(String code, int revision, Instant revisedAt, String actorId, String reason,
                              ServiceItemDefinition definition) {
        this.id = code + ":" + revision;
        this.code = code;
        this.revision = revision;
        this.revisedAt = revisedAt;
        this.actorId = actorId;
        this.reason = reason;
        this.definition = definition;
    }

    ServiceItemResponse.Revision toResponse() {
        return new ServiceItemResponse.Revision(revision, revisedAt, actorId, reason, definition);
    }
}

package cn.daiban.kernel.catalogue;

import java.time.Instant;
import java.util.List;

/** A service item's current revision, its status, and (when asked for one item) every revision. */
public record ServiceItemResponse(String code, int revision, String status, boolean sample,
                                  ServiceItemDefinition definition, List<Revision> revisions) {

    public record Revision(int revision, Instant at, String actorId, String reason, ServiceItemDefinition definition) {
    }
}

package cn.daiban.query.station;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.station.StationApplicationsResponse.Kind;
import cn.daiban.kernel.station.StationApplicationsResponse.Outcome;
import cn.daiban.kernel.station.StationChangeApprovedEvent;
import cn.daiban.kernel.station.StationChangeRefusedEvent;
import cn.daiban.kernel.station.StationChangeRequestedEvent;
import cn.daiban.kernel.station.StationClosureApprovedEvent;
import cn.daiban.kernel.station.StationClosureRefusedEvent;
import cn.daiban.kernel.station.StationClosureRequestedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRefusedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the station directory and the history of each station's applications. Every handler is an upsert
 * keyed by the station or the application, so replaying an event changes nothing.
 */
@Component
@ProcessingGroup(StationProjection.PROCESSING_GROUP)
class StationProjection {

    static final String PROCESSING_GROUP = "stations";

    private final StationRepository stations;
    private final StationApplicationRepository applications;

    StationProjection(StationRepository stations, StationApplicationRepository applications) {
        this.stations = stations;
        this.applications = applications;
    }

    @EventHandler
    void on(StationOpeningRequestedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        String code = event.stationCode().value();
        StationEntity station = stations.findById(code).orElseGet(() -> new StationEntity(code));
        station.applied(event.name(), event.level(), value(event.parentCode()), event.hostType(),
                event.region().value(), event.address(), event.manager().name(), event.manager().phone().value(),
                event.supervisionPhone().value(), event.windows(), event.serviceItemCodes(), at);
        stations.save(station);
        applications.save(new StationApplicationEntity(code + ":opening", code, Kind.OPENING,
                "设立 " + event.name() + " (" + event.level().label() + ")", null, at, actor)
                .withSiteConditions(event.siteConditions()));
    }

    @EventHandler
    void on(StationOpeningApprovedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        stations.findById(event.stationCode().value()).ifPresent(station -> station.opened(at));
        decide(event.stationCode().value() + ":opening", Outcome.APPROVED, at, actor, event.approverStationCode(),
                event.remark());
    }

    @EventHandler
    void on(StationOpeningRefusedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        stations.findById(event.stationCode().value()).ifPresent(StationEntity::refused);
        decide(event.stationCode().value() + ":opening", Outcome.REFUSED, at, actor, event.approverStationCode(),
                event.reason());
    }

    @EventHandler
    void on(StationChangeRequestedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        List<String> parts = new ArrayList<>();
        if (event.manager() != null) {
            parts.add("负责人 → " + event.manager().name());
        }
        if (event.windows() != null) {
            parts.add("窗口 " + event.windows().size() + " 个");
        }
        if (event.serviceItemCodes() != null) {
            parts.add("事项 " + event.serviceItemCodes().size() + " 项");
        }
        if (event.address() != null) {
            parts.add("地址 → " + event.address());
        }
        applications.save(new StationApplicationEntity(event.changeId(), event.stationCode().value(), Kind.CHANGE,
                "变更: " + String.join("; ", parts), event.reason(), at, actor));
    }

    @EventHandler
    void on(StationChangeApprovedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        stations.findById(event.stationCode().value()).ifPresent(station -> station.changed(
                event.manager() == null ? null : event.manager().name(),
                event.manager() == null ? null : event.manager().phone().value(),
                event.windows(), event.serviceItemCodes(), event.address()));
        decide(event.changeId(), Outcome.APPROVED, at, actor, event.approverStationCode(), null);
    }

    @EventHandler
    void on(StationChangeRefusedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        decide(event.changeId(), Outcome.REFUSED, at, actor, event.approverStationCode(), event.reason());
    }

    @EventHandler
    void on(StationClosureRequestedEvent event, @Timestamp Instant at, @SequenceNumber long sequence,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        String code = event.stationCode().value();
        applications.save(new StationApplicationEntity(code + ":closure:" + sequence, code, Kind.CLOSURE,
                "撤销", event.reason(), at, actor));
    }

    @EventHandler
    void on(StationClosureApprovedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        stations.findById(event.stationCode().value()).ifPresent(station -> station.closed(at));
        decideLatestClosure(event.stationCode(), Outcome.APPROVED, at, actor, event.approverStationCode(), null);
    }

    @EventHandler
    void on(StationClosureRefusedEvent event, @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        decideLatestClosure(event.stationCode(), Outcome.REFUSED, at, actor, event.approverStationCode(),
                event.reason());
    }

    @ResetHandler
    void reset() {
        applications.deleteAllInBatch();
        stations.deleteAllInBatch();
    }

    private void decide(String applicationId, Outcome outcome, Instant at, String actor, StationCode approver,
                        String note) {
        applications.findById(applicationId)
                .ifPresent(application -> application.decided(outcome, at, actor, value(approver), note));
    }

    private void decideLatestClosure(StationCode code, Outcome outcome, Instant at, String actor,
                                     StationCode approver, String note) {
        applications.findFirstByStationCodeAndKindOrderByRequestedAtDesc(code.value(), Kind.CLOSURE)
                .ifPresent(application -> application.decided(outcome, at, actor, value(approver), note));
    }

    private static String value(StationCode code) {
        return code == null ? null : code.value();
    }
}

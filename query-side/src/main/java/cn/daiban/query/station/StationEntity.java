package cn.daiban.query.station;

import cn.daiban.kernel.station.HostOrganisationType;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationResponse;
import cn.daiban.kernel.station.StationStatus;
import cn.daiban.kernel.station.StationWindow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One row of the station directory. */
@Entity
@Table(name = "station_directory")
class StationEntity {

    @Id
    @Column(name = "station_code")
    private String stationCode;
    private String name;
    @Enumerated(EnumType.STRING)
    private StationLevel level;
    @Column(name = "parent_code")
    private String parentCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "host_type")
    private HostOrganisationType hostType;
    private String region;
    private String address;
    @Column(name = "manager_name")
    private String managerName;
    @Column(name = "manager_phone")
    private String managerPhone;
    @Column(name = "supervision_phone")
    private String supervisionPhone;
    @Enumerated(EnumType.STRING)
    private StationStatus status;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<StationWindow> windows = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_item_codes")
    private Set<String> serviceItemCodes = new LinkedHashSet<>();
    @Column(name = "applied_at")
    private Instant appliedAt;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "closed_at")
    private Instant closedAt;

    protected StationEntity() {
    }

    StationEntity(String stationCode) {
        this.stationCode = stationCode;
    }

    StationResponse toResponse() {
        return new StationResponse(stationCode, name, level, parentCode, hostType, region, address, managerName,
                managerPhone, supervisionPhone, status, List.copyOf(windows), Set.copyOf(serviceItemCodes),
                appliedAt, openedAt, closedAt);
    }

    void applied(String name, StationLevel level, String parentCode, HostOrganisationType hostType, String region,
                 String address, String managerName, String managerPhone, String supervisionPhone,
                 List<StationWindow> windows, Set<String> serviceItemCodes, Instant at) {
        this.name = name;
        this.level = level;
        this.parentCode = parentCode;
        this.hostType = hostType;
        this.region = region;
        this.address = address;
        this.managerName = managerName;
        this.managerPhone = managerPhone;
        this.supervisionPhone = supervisionPhone;
        this.windows = new ArrayList<>(windows);
        this.serviceItemCodes = new LinkedHashSet<>(serviceItemCodes);
        this.status = StationStatus.APPLIED;
        this.appliedAt = at;
    }

    void opened(Instant at) {
        status = StationStatus.OPEN;
        openedAt = at;
    }

    void refused() {
        status = StationStatus.REFUSED;
    }

    void closed(Instant at) {
        status = StationStatus.CLOSED;
        closedAt = at;
    }

    void changed(String managerName, String managerPhone, List<StationWindow> windows, Set<String> serviceItemCodes,
                 String address) {
        if (address != null) {
            this.address = address;
        }
        if (managerName != null) {
            this.managerName = managerName;
            this.managerPhone = managerPhone;
        }
        if (windows != null) {
            this.windows = new ArrayList<>(windows);
        }
        if (serviceItemCodes != null) {
            this.serviceItemCodes = new LinkedHashSet<>(serviceItemCodes);
        }
    }
}

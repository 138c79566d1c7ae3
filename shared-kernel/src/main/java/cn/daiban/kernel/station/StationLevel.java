package cn.daiban.kernel.station;

import java.util.Set;

/** Where a station stands in the three-level system (`004 §3.1`, `003 三(一)`). */
public enum StationLevel {
    /** 县级政务服务中心 (with its 帮办代办专区). */
    COUNTY_CENTRE("县级政务服务中心"),
    /** 乡镇便民服务中心. */
    TOWNSHIP_CENTRE("乡镇便民服务中心"),
    /** 村/社区便民服务站. */
    VILLAGE_STATION("村（社区）便民服务站"),
    /** 合作网点: a station hosted by a bank, post office, telecom shop, mall or park. */
    PARTNER_OUTLET("合作网点");

    private final String label;

    StationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The levels a station of this level may report to (its supervising level). */
    public Set<StationLevel> parentLevels() {
        return switch (this) {
            case COUNTY_CENTRE -> Set.of();
            case TOWNSHIP_CENTRE -> Set.of(COUNTY_CENTRE);
            case VILLAGE_STATION -> Set.of(TOWNSHIP_CENTRE);
            case PARTNER_OUTLET -> Set.of(TOWNSHIP_CENTRE, COUNTY_CENTRE);
        };
    }

    /** Rank for "has authority at or above": county 3, township 2, village and partner outlets 1. */
    public int rank() {
        return switch (this) {
            case COUNTY_CENTRE -> 3;
            case TOWNSHIP_CENTRE -> 2;
            case VILLAGE_STATION, PARTNER_OUTLET -> 1;
        };
    }
}

package cn.daiban.kernel.station;

import java.time.Instant;
import java.util.List;

public record StationApplicationsResponse(String stationCode, List<Application> applications) {

    public enum Kind { OPENING, CHANGE, CLOSURE }

    public enum Outcome { PENDING, APPROVED, REFUSED }

    /**
     * One application and its decision. {@code requestedBy} / {@code decidedBy} are actor ids from the events'
     * metadata; {@code summary} says what was applied for; {@code siteConditions}, what an opening application
     * stated of its site (`004 附录A` 申请条件), or null.
     */
    public record Application(String applicationId, Kind kind, Outcome outcome, String summary, String reason,
                              Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy,
                              String approverStationCode, String decisionNote, SiteConditions siteConditions) {
    }
}

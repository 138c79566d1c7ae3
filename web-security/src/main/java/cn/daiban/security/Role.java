package cn.daiban.security;

/**
 * What a signed-in user may do (DOMAIN.md "Who uses it"). A user has one role and, except an administrator, one
 * station; their jurisdiction is that station and every station below it in the hierarchy.
 *
 * <ul>
 *   <li>{@link #AGENT}: acts on the matters of their own station, reads their station's views.</li>
 *   <li>{@link #STATION_MANAGER}: as an agent, plus the station's applications, bookings schedule, statistics and
 *       its agents; as the manager of a supervising level, decides the applications of the stations below.</li>
 *   <li>{@link #SUPERVISOR}: reads everything in their jurisdiction, audit history and analytics included; handles
 *       complaints; issues no command on a delegation.</li>
 *   <li>{@link #ADMINISTRATOR}: catalogue, calendar, rebuilds, station approvals, erasure of personal data.</li>
 * </ul>
 */
public enum Role {
    AGENT, STATION_MANAGER, SUPERVISOR, ADMINISTRATOR
}

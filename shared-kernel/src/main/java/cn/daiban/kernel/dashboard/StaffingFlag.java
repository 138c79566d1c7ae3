package cn.daiban.kernel.dashboard;

/**
 * A staffing or training minimum not met (`003 三(三)`, `003 附件4 一3–4`, `003 附件4 二1–2`, `004 §5.3.1`), computed
 * from the agents and stations views, never typed in. {@code rule} names the minimum:
 * <ul>
 *   <li>{@code staffing-county-zone}: the county hall's zone (专区) has fewer than 3 agents posted there;</li>
 *   <li>{@code staffing-sub-zone}: a sub-zone (分区) fewer than 2;</li>
 *   <li>{@code staffing-window}: a window (进驻窗口) of a department without a sub-zone has none;</li>
 *   <li>{@code staffing-full-time-agent}: a township centre, village station or partner outlet has no full-time
 *       (专职) agent;</li>
 *   <li>{@code staffing-partner-outlet}: a partner outlet (bank, post office …) has not 1–2 staff;</li>
 *   <li>{@code training-twice-a-year}: an agent attended fewer than 2 trainings in the year.</li>
 * </ul>
 * {@code windowCode}/{@code windowName} name the zone or window (else null), {@code agentId}/{@code agentName} the
 * agent (training only); {@code actual} is the count found against {@code minimum} (and {@code maximum}, else null).
 */
public record StaffingFlag(String rule, String stationCode, String stationName, String windowCode, String windowName,
                           String agentId, String agentName, long actual, int minimum, Integer maximum,
                           String reason) {
}

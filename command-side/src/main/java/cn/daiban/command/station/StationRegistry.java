package cn.daiban.command.station;

import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;

import java.util.Optional;
import java.util.Set;

/**
 * What a command handler may ask about other stations: the set-wide facts one aggregate cannot know (does the
 * parent exist, at which level, is it open, which region, which windows). Kept by the command side itself from
 * the station events, in the same transaction as the events, so it is never behind the event store.
 */
public interface StationRegistry {

    Optional<RegisteredStation> find(StationCode code);

    /**
     * @param supervisionPhone the complaint and supervision number printed on its acceptance forms
     * @param serviceItemCodes the service items the station offers
     * @param region           the station's division code; {@code null} when the look-up does not know it (a station
     *                         registered before the look-up kept regions, whose events are not in this database)
     * @param windowCodes      the codes of the station's windows and zones as last approved; {@code null} when the
     *                         look-up does not know them (as for {@code region})
     */
    record RegisteredStation(StationCode code, String name, StationLevel level, StationStatus status,
                             StationCode parentCode, String supervisionPhone, Set<String> serviceItemCodes,
                             RegionCode region, Set<String> windowCodes) {

        /** A station whose region and windows the look-up does not know: checks that need them are not made. */
        public RegisteredStation(StationCode code, String name, StationLevel level, StationStatus status,
                                 StationCode parentCode, String supervisionPhone, Set<String> serviceItemCodes) {
            this(code, name, level, status, parentCode, supervisionPhone, serviceItemCodes, null, null);
        }

        /** Whether the station has this window or zone; unknown windows (see above) do not refuse anything. */
        public boolean hasWindow(String windowCode) {
            return windowCodes == null || windowCodes.contains(windowCode);
        }
    }
}

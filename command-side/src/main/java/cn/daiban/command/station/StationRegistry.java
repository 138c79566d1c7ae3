package cn.daiban.command.station;

import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;

import java.util.Optional;
import java.util.Set;

/**
 * What a command handler may ask about other stations: the set-wide facts one aggregate cannot know (does the
 * parent exist, at which level, is it open). Kept by the command side itself from the station events, in the
 * same transaction as the events, so it is never behind the event store.
 */
public interface StationRegistry {

    Optional<RegisteredStation> find(StationCode code);

    /**
     * @param supervisionPhone the complaint and supervision number printed on its acceptance forms
     * @param serviceItemCodes the service items the station offers
     */
    record RegisteredStation(StationCode code, String name, StationLevel level, StationStatus status,
                             StationCode parentCode, String supervisionPhone, Set<String> serviceItemCodes) {
    }
}

package cn.daiban.command.station;

import cn.daiban.kernel.station.StationCode;

/** How many delegations a station is still responsible for: a station closes only when none are left. */
public interface UnfinishedDelegations {

    long at(StationCode station);
}

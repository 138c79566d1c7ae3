package cn.daiban.kernel.appointment;

import cn.daiban.kernel.station.StationCode;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BookingSchedulePublishedEvent(StationCode stationCode, List<SlotWindow> windows, boolean homeVisits) {
}

package cn.daiban.kernel.openness;

import java.time.LocalTime;
import java.util.List;

/**
 * What the public face shows of stations: no client data and no staff phone or ID. {@code phone} is the contact
 * number on the station's application (联系电话, `004 附录A`), {@code supervisionPhone} the complaint and
 * supervision number; {@code hours} are the windows of its published booking schedule (absent until it publishes
 * one), {@code homeVisits} whether it offers 上门 service.
 */
public record PublicStationsResponse(List<Station> stations) {

    public record Station(String code, String name, String level, String parentCode, String address, String phone,
                          String supervisionPhone, List<Hours> hours, Boolean homeVisits) {
    }

    /** A period of opening; {@code extendedHours} marks 延时 service. */
    public record Hours(LocalTime from, LocalTime to, boolean extendedHours) {
    }
}

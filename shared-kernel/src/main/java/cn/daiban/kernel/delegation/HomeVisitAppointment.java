package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.privacy.PersonalData;

import java.time.Instant;

/**
 * What a home visit (上门代办, `000 §7.2.2 b`) is agreed on: the time the agent will be at the client's and where
 * (`003 附件3 六5`: 在约定时间提供上门服务). The address is the client's personal data, sealed with the delegation's
 * key like the client's name and phone. Either may be missing here: the delegation refuses an incomplete
 * agreement by its rule {@code home-visit-agreed}, naming the missing part.
 */
public record HomeVisitAppointment(Instant agreedAt, @PersonalData String address) {

    public HomeVisitAppointment {
        address = Require.optionalText(address, "homeVisit.address", 200);
    }

    public boolean complete() {
        return agreedAt != null && address != null;
    }
}

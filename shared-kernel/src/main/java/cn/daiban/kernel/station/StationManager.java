package cn.daiban.kernel.station;

import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;

/** The person responsible for a station (站长 / 负责人). */
public record StationManager(String name, PhoneNumber phone) {

    public StationManager {
        name = Require.text(name, "manager.name", 32);
        Require.present(phone, "manager.phone");
    }
}

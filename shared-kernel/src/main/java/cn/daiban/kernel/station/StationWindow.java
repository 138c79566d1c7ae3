package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;

/**
 * A window (窗口) or zone (专区 / 分区) of a station, e.g. the county centre's 帮办代办专区 and its sub-zones per
 * department (企业开办, 人社, 医保, 公安, 税务, 公积金 …, `003 三(一)1`).
 */
public record StationWindow(String code, String name, Kind kind, String department) {

    public enum Kind { WINDOW, ZONE, SUB_ZONE }

    public StationWindow {
        code = Require.text(code, "windows.code", 32);
        name = Require.text(name, "windows.name", 64);
        Require.present(kind, "windows.kind");
        department = Require.optionalText(department, "windows.department", 64);
    }
}

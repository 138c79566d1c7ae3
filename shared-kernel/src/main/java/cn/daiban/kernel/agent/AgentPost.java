package cn.daiban.kernel.agent;

/**
 * Where an agent is posted (`003 三(三)`, `003 附件4 一3–4`): one of the county hall's zone (帮办代办专区), a sub-zone
 * (分区) or a window without a sub-zone (进驻窗口), each named by the station's window code; or the station as a whole
 * (站). An agent registered without a post is posted at the station.
 */
public enum AgentPost {
    /** 帮办代办专区 (a window of kind ZONE). */
    ZONE,
    /** 帮办代办分区 (a window of kind SUB_ZONE). */
    SUB_ZONE,
    /** 进驻窗口 (a window of kind WINDOW). */
    WINDOW,
    /** The station as a whole (便民服务中心 / 站 / 合作网点); names no window. */
    STATION;

    /** Whether this post names one of the station's windows. */
    public boolean atWindow() {
        return this != STATION;
    }
}

package cn.daiban.kernel.station;

/** Who hosts a partner outlet (`004 §3.1`, `003 三(一)3`). */
public enum HostOrganisationType {
    BANK, POST, TELECOM, MALL, PARK, OTHER
}

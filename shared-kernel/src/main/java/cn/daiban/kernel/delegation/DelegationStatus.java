package cn.daiban.kernel.delegation;

/** Where a delegation stands. */
public enum DelegationStatus {
    /** Refused at intake, with the reason told (受理与否 = 否). */
    DECLINED("不予受理"),
    /** Commissioned and being handled. */
    HANDLING("办理中"),
    /** Waiting for the client's missing materials; the clock is stopped. */
    AWAITING_SUPPLEMENT("待补正"),
    /** At an upper level for a decision. */
    ESCALATED("上报办理中"),
    SUSPENDED("中止"),
    TERMINATED("终止"),
    /** Completed (success or failure), result not yet handed over. */
    COMPLETED("已办结"),
    DELIVERED("已交付"),
    ARCHIVED("已归档");

    private final String label;

    DelegationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == DECLINED || this == TERMINATED || this == ARCHIVED;
    }
}

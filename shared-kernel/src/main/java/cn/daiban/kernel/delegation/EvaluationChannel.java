package cn.daiban.kernel.delegation;

/** Where an evaluation came from (`004 §7.1.3`). */
public enum EvaluationChannel {
    DEVICE("评价器"),
    PAPER("纸质评价表"),
    PHONE_FOLLOW_UP("电话回访"),
    ONLINE("网上评价");

    private final String label;

    EvaluationChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

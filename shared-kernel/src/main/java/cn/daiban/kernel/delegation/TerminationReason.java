package cn.daiban.kernel.delegation;

/** Why a delegation ended without completion (终止). */
public enum TerminationReason {
    CONTINUATION_DEADLINE_PASSED("逾期未续办"),
    CLIENT_WITHDREW("申请人撤回");

    private final String label;

    TerminationReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

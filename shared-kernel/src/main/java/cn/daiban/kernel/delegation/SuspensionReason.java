package cn.daiban.kernel.delegation;

/** Why a delegation is suspended (中止, `002 服务中止与续办`). */
public enum SuspensionReason {
    MATERIALS_OVERDUE("逾期未补正材料"),
    FEES_UNPAID("未缴纳法定费用"),
    CLIENT_REQUEST("申请人申请中止"),
    FORCE_MAJEURE("不可抗力");

    private final String label;

    SuspensionReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

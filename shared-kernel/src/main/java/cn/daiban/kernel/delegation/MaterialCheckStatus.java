package cn.daiban.kernel.delegation;

/**
 * How one material of the item's list stands at the counter (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`):
 * handed in, completed at the counter (当场补正, `000 §6.3.3`, `004 §6.3.3.2.2`), accepted as missing with a date
 * the client commits to (容缺受理, `000 §7.2.1 d`), or missing.
 */
public enum MaterialCheckStatus {
    RECEIVED("已收"),
    COMPLETED_ON_SPOT("当场补正"),
    TOLERATED("容缺"),
    MISSING("缺少");

    private final String label;

    MaterialCheckStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the material is in hand now (handed in, or completed at the counter). */
    public boolean inHand() {
        return this == RECEIVED || this == COMPLETED_ON_SPOT;
    }
}

package cn.daiban.kernel.delegation;

/**
 * Where an evaluation came from (`004 §7.1.3`): DEVICE, PAPER, PHONE_FOLLOW_UP and ONLINE are typed in by staff
 * (who entered it is recorded), CLIENT by the client through their invitation.
 */
public enum EvaluationChannel {
    DEVICE("评价器"),
    PAPER("纸质评价表"),
    PHONE_FOLLOW_UP("电话回访"),
    ONLINE("网上评价"),
    /**
     * The client graded the matter themselves through the one-time code of their evaluation invitation (一事一评,
     * `003 三(二)3`, 国办发〔2019〕51号). Never typed in by staff. Added at the end: older grades never carry it.
     */
    CLIENT("服务对象自评");

    private final String label;

    EvaluationChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the client entered the grade themselves (else a member of staff typed it in). */
    public boolean clientEntered() {
        return this == CLIENT;
    }
}

package cn.daiban.kernel.complaint;

/**
 * How a complaint came in (`003 三(三)`: 通过局长信箱、12345热线、政务服务"好差评"等渠道加强监督; 明查暗访). The last three
 * come through supervision, not the station complained about ({@link #throughSupervision}).
 */
public enum ComplaintChannel {
    /** The complaint and supervision phone printed on the acceptance form. */
    SUPERVISION_PHONE("监督电话"),
    HOTLINE_12345("12345热线"),
    ON_SITE("现场"),
    ONLINE("网上"),
    /** A poor grade escalated by supervision. */
    POOR_GRADE_ESCALATED("差评转投诉"),
    /** A letter to the director's mailbox of the administrative approval bureau (`003 三(三)`, `003 四(二)2`). */
    DIRECTOR_MAILBOX("局长信箱"),
    /**
     * A problem found by an inspection, announced or unannounced, of the bureau's offices, a third-party assessor or a
     * specially invited supervisor (明查暗访, `003 三(三)`, `003 四(二)2`).
     */
    INSPECTION("明查暗访");

    private final String label;

    ComplaintChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether only supervision over the station records a complaint that came this way (rule {@code complaint-channel-of-supervision}). */
    public boolean throughSupervision() {
        return this == POOR_GRADE_ESCALATED || this == DIRECTOR_MAILBOX || this == INSPECTION;
    }
}

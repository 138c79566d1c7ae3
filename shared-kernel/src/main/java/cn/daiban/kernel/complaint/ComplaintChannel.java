package cn.daiban.kernel.complaint;

/** How a complaint came in. */
public enum ComplaintChannel {
    /** The complaint and supervision phone printed on the acceptance form. */
    SUPERVISION_PHONE("监督电话"),
    HOTLINE_12345("12345热线"),
    ON_SITE("现场"),
    ONLINE("网上"),
    /** A poor grade escalated by supervision. */
    POOR_GRADE_ESCALATED("差评转投诉");

    private final String label;

    ComplaintChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

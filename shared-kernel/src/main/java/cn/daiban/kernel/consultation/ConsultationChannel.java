package cn.daiban.kernel.consultation;

/** How the consultation came in (`004 §6.3.3.1`). */
public enum ConsultationChannel {
    PHONE("电话"), VISIT("现场"), ONLINE("网上");

    private final String label;

    ConsultationChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.daiban.kernel.delegation;

/** How the service is given (`000 §7.2.2`). */
public enum ServiceMode {
    ON_SITE("现场"), HOME_VISIT("上门"), ONLINE("网上"), ZONE("专区"), SPECIAL("特殊");

    private final String label;

    ServiceMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

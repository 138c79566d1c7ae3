package cn.daiban.kernel.delegation;

/** Who the matter belongs to. */
public enum ClientKind {
    CITIZEN("个人"),
    ENTERPRISE("企业");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.daiban.kernel.delegation;

/** 帮办 (the agent helps the client do it) or 代办 (the agent does it for the client under an acceptance form). */
public enum DelegationKind {
    ASSIST("帮办"), PROXY("代办");

    private final String label;

    DelegationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

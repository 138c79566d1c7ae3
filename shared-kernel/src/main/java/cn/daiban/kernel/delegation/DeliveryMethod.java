package cn.daiban.kernel.delegation;

/** How the result reaches the client (`004 §6.3.3.3`). */
public enum DeliveryMethod {
    IN_PERSON("当面交付"),
    POST("邮寄"),
    HOME_DELIVERY("送证上门"),
    ELECTRONIC_LICENCE("电子证照");

    private final String label;

    DeliveryMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

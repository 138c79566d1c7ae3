package cn.daiban.kernel.delegation;

/** Difficulty recorded in the needs analysis (需求分析). */
public enum Difficulty {
    LOW("简单"),
    MEDIUM("一般"),
    HIGH("复杂");

    private final String label;

    Difficulty(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

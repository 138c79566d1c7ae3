package cn.daiban.kernel.delegation;

/** The five grades of the national 好差评 scheme. */
public enum SatisfactionGrade {
    VERY_SATISFIED("非常满意"),
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意"),
    VERY_DISSATISFIED("非常不满意");

    private final String label;

    SatisfactionGrade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 不满意 and 非常不满意 are poor grades: each opens a rectification (整改, `000 §8.2`). */
    public boolean isPoor() {
        return this == DISSATISFIED || this == VERY_DISSATISFIED;
    }

    /** Counted as satisfied in a satisfaction rate: 非常满意, 满意 and 基本满意. */
    public boolean isSatisfied() {
        return !isPoor();
    }
}

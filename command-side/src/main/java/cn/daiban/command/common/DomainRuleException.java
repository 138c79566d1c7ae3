package cn.daiban.command.common;

/**
 * A command the domain refuses. Thrown before anything is applied, so a refused command leaves no event. Its
 * {@link Kind} decides the HTTP status: a transition the life-cycle forbids is a conflict with the current
 * state (409), a broken business rule an unprocessable request (422), a referenced thing that does not exist
 * a 422 naming the field (the URL's own target not existing is a 404, decided by the repository).
 */
public class DomainRuleException extends RuntimeException {

    public enum Kind { ILLEGAL_TRANSITION, RULE_VIOLATED, UNKNOWN_REFERENCE }

    private final Kind kind;
    private final String rule;
    private final String field;

    protected DomainRuleException(Kind kind, String rule, String field, String message) {
        super(message);
        this.kind = kind;
        this.rule = rule;
        this.field = field;
    }

    /** The life-cycle does not allow this step now (approve an already open station …). */
    public static DomainRuleException illegalTransition(String rule, String message) {
        return new DomainRuleException(Kind.ILLEGAL_TRANSITION, rule, null, message);
    }

    /** A business rule is broken; {@code field} names the input that breaks it, if one does. */
    public static DomainRuleException ruleViolated(String rule, String field, String message) {
        return new DomainRuleException(Kind.RULE_VIOLATED, rule, field, message);
    }

    /** The command names something (a parent station, a service item) that does not exist. */
    public static DomainRuleException unknownReference(String field, String message) {
        return new DomainRuleException(Kind.UNKNOWN_REFERENCE, "reference-exists", field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}

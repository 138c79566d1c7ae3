package cn.daiban.query.infrastructure;

/**
 * Why a query was refused, in a form that survives transport: Axon carries it as the details of a
 * {@code QueryExecutionException}, locally and through Axon Server alike (exception classes do not cross it).
 *
 * @param kind    {@link #INVALID_VALUE} (400), {@link #RULE_VIOLATED} (422) or {@link #UNAVAILABLE} (503, the database
 *                could not be reached)
 * @param rule    the rule named in the answer
 * @param field   the input to blame, or null
 * @param message the answer's {@code detail}
 */
public record QueryRejection(String kind, String rule, String field, String message) {

    public static final String INVALID_VALUE = "INVALID_VALUE";
    public static final String RULE_VIOLATED = "RULE_VIOLATED";
    public static final String UNAVAILABLE = "UNAVAILABLE";
}

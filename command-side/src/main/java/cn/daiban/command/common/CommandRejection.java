package cn.daiban.command.common;

/**
 * Why a command was refused, in a form that survives transport: Axon carries it as the details of a
 * {@code CommandExecutionException}, locally and through Axon Server alike.
 *
 * @param kind    what sort of refusal, which decides the HTTP status: {@link #NOT_FOUND} 404, {@link #CONFLICT} and
 *                {@code ILLEGAL_TRANSITION} 409, {@link #INVALID_VALUE} 400, {@link #UNAVAILABLE} 503, anything else ({@link #RULE_VIOLATED},
 *                {@code UNKNOWN_REFERENCE}) 422; the names of {@link DomainRuleException.Kind} are kinds too
 * @param rule    the rule named in the answer ({@code type} urn:daiban:problem:&lt;rule&gt;)
 * @param field   the input to blame, or null
 * @param message the answer's {@code detail}
 */
public record CommandRejection(String kind, String rule, String field, String message) {

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String INVALID_VALUE = "INVALID_VALUE";
    public static final String RULE_VIOLATED = DomainRuleException.Kind.RULE_VIOLATED.name();
    /** The database could not be reached while the command was handled: 503, nothing was done. */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    /** The address names one kind of record, the id another (an agent's id where a delegation's is expected). */
    public static CommandRejection otherKindOfRecord() {
        return new CommandRejection(NOT_FOUND, "not-found", null,
                "nothing of this kind found with that id (it names another kind of record)");
    }

    /**
     * Whether Axon's refusal to load an aggregate says its stream is of another kind: the stream's first event set no
     * identifier on it, since the aggregate has no handler for another kind's creation event. Axon throws the same
     * exception for an aggregate that cannot be built or a snapshot without its id, which are faults, not answers.
     */
    public static boolean otherKindOfRecord(Throwable incompatible) {
        return incompatible.getMessage() != null
                && incompatible.getMessage().startsWith("Aggregate identifier must be non-null after applying an event");
    }

    /** A creating command for an id that is taken (an earlier command, or a concurrent one that won). */
    public static CommandRejection alreadyExists() {
        return new CommandRejection(CONFLICT, "already-exists", null, "it already exists: an id is used only once");
    }

    /** Someone else's change was stored first. */
    public static CommandRejection concurrentModification() {
        return new CommandRejection(CONFLICT, "concurrent-modification", null,
                "someone else changed it at the same moment: reload and try again");
    }
}

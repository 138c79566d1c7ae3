package cn.daiban.kernel.common;

/**
 * A value that breaks its own invariant (a malformed phone number, a blank name). A bad input, never a state
 * the read side needs to see: it answers 400 and leaves nothing behind.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

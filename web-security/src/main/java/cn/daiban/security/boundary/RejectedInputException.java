package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InvalidValueException;

/**
 * An input the HTTP boundary refuses before anything is sent or stored: text storage cannot hold, or more than the
 * documented limit. Answered 400 with its {@link #rule()} and the {@link #field()} (a JSON path such as
 * {@code needsAnalysis.steps[1]}, or the parameter, path variable or header name).
 */
public class RejectedInputException extends InvalidValueException {

    private final String rule;

    public RejectedInputException(String rule, String field, String message) {
        super(field, message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}

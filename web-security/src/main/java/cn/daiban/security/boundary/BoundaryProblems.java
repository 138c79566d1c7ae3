package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InvalidValueException;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.NoHandlerFoundException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The boundary's problem answers, shared by both applications: a {@link RejectedInputException} (ahead of each
 * side's own handler, which knows nothing of it), and the helpers each side's {@code ProblemHandler} uses to say
 * what is wrong with an unreadable body, and to give Spring MVC's own answers (404, 405, 415, …) the
 * {@code urn:daiban:problem:<rule>} shape. No answer names a Java class or package.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BoundaryProblems {

    @ExceptionHandler(RejectedInputException.class)
    ProblemDetail rejected(RejectedInputException e) {
        return ProblemResponses.problem(400, e.rule(), e.field(), e.getMessage());
    }

    /** What is wrong with a body that could not be read: the field (JSON path) and the shape it must have. */
    public static ProblemDetail notReadable(HttpMessageNotReadableException e) {
        String field = null;
        String detail = "the request body is missing or is not JSON";
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            field = path(mapping.getPath());
            InvalidValueException invalid = find(mapping, InvalidValueException.class);
            if (invalid != null) {
                field = within(field, invalid.field());
                detail = field + ": " + invalid.getMessage().substring(invalid.field().length()).strip();
            } else if (mapping instanceof UnrecognizedPropertyException unknown) {
                detail = "unknown field " + unknown.getPropertyName();
            } else if (mapping instanceof StrictJsonReading.YearOutOfRange range) {
                detail = name(field) + ": " + range.getOriginalMessage() + ", not " + range.getValue();
            } else if (mapping instanceof InvalidFormatException format) {
                detail = name(field) + " must be " + shape(format.getTargetType()) + ", not " + format.getValue();
            } else if (mapping instanceof MismatchedInputException trailing
                    && trailing.getOriginalMessage().startsWith("Trailing token")) {
                detail = "nothing may follow the JSON value of the body";
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                detail = name(field) + " must be " + shape(mismatch.getTargetType());
            } else {
                detail = name(field) + " is not valid here";
            }
            if (field != null && field.isEmpty()) {
                field = "body";
            }
        } else if (cause instanceof JsonParseException parse) {
            JsonLocation at = parse.getLocation();
            detail = "the request body is not valid JSON: " + parse.getOriginalMessage().split("\n")[0]
                    + (at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "");
        }
        return ProblemResponses.problem(400, "malformed-request", field, detail);
    }

    /**
     * The field a value refused while its object was built names, read from where the object is: a record refusing
     * one of its own components ({@code siteConditions.staffCount}, {@code attempts.at}) at {@code siteConditions} or
     * {@code attempts[2]} is named {@code siteConditions.staffCount} or {@code attempts[2].at}; a value refusing itself
     * ({@code manager.phone}) keeps its path.
     */
    static String within(String path, String refused) {
        if (path == null || path.isEmpty()) {
            return refused;
        }
        int dot = refused.indexOf('.');
        if (dot < 0) {
            return path;
        }
        String last = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
        return last.equals(refused.substring(0, dot)) ? path + refused.substring(dot) : path;
    }

    /**
     * Gives one of Spring MVC's own answers (unknown route, method not allowed, unsupported media type, missing
     * parameter, …) the problem shape: the rule by status, the parameter or header as field, a detail with no class
     * name. Any other body is left as it is.
     */
    public static Object normalise(Exception e, Object body, HttpStatusCode status) {
        if (body == null && e instanceof ErrorResponse error) {
            body = error.getBody();
        }
        if (!(body instanceof ProblemDetail problem) || problem.getProperties() != null
                && problem.getProperties().containsKey("rule")) {
            return body;
        }
        int code = status.value();
        String rule = ProblemResponses.rule(code);
        problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + rule));
        problem.setTitle(ProblemResponses.title(code));
        problem.setProperty("rule", rule);
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            problem.setDetail("there is nothing at this address");
        } else if (e instanceof HttpRequestMethodNotSupportedException method) {
            problem.setDetail(method.getMethod() + " is not allowed here"
                    + (method.getSupportedMethods() != null
                    ? "; allowed: " + String.join(", ", method.getSupportedMethods()) : ""));
        } else if (e instanceof HttpMediaTypeNotSupportedException media) {
            problem.setDetail((media.getContentType() == null ? "a body of that type (its Content-Type could not be read)"
                    : "a body of type " + media.getContentType()) + " is not accepted; send "
                    + media.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", ")));
        } else if (e instanceof HttpMediaTypeNotAcceptableException) {
            problem.setDetail("this answer cannot be given in the media type asked for (Accept)");
        } else if (e instanceof MissingServletRequestParameterException missing) {
            problem.setProperty("field", missing.getParameterName());
            problem.setDetail(missing.getParameterName() + " is required");
        } else if (e instanceof MissingRequestHeaderException missing) {
            problem.setProperty("field", missing.getHeaderName());
            problem.setDetail(missing.getHeaderName() + " is required");
        } else if (e instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            problem.setProperty("field", mismatch.getPropertyName());
            problem.setDetail(mismatch.getPropertyName() + " must be " + shape(mismatch.getRequiredType()));
        } else if (code >= 500) {
            problem.setDetail("the request could not be handled");
        }
        return problem;
    }

    /** The shape a JSON value must have to be read as {@code type}, in words (never a class name). */
    static String shape(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == BigDecimal.class) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == LocalTime.class) {
            return "a time of day (HH:mm)";
        }
        if (type == YearMonth.class) {
            return "a month (yyyy-MM)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                || type == LocalDateTime.class) {
            return "a date and time (e.g. 2026-06-30T15:59:00Z)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of named values";
        }
        if (Arrays.stream(type.getMethods()).anyMatch(m -> m.isAnnotationPresent(JsonValue.class))) {
            return "a text";
        }
        return "an object";
    }

    private static String name(String field) {
        return field == null || field.isEmpty() ? "the body" : field;
    }

    static String path(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}

package cn.daiban.query.web;

import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.query.infrastructure.QueryRejection;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.security.boundary.BoundaryProblems;
import cn.daiban.security.boundary.ProblemResponses;
import cn.daiban.security.DatabaseOutage;
import jakarta.servlet.http.HttpServletResponse;
import cn.daiban.query.export.ExportAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Bad filters and unknown ids as RFC 9457 problem+json (400 / 404), naming the parameter; never a 500. A database
 * that cannot be reached is a 503 with {@code Retry-After} (rule {@code unavailable}, see {@link DatabaseOutage}).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Signed in, but the role or the station does not allow it. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail forbidden(org.springframework.security.access.AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", null, e.getMessage());
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-value", e.field(), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", null, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String allowed = type != null && type.isEnum()
                ? " (one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", ")) + ")"
                : "";
        return problem(HttpStatus.BAD_REQUEST, "invalid-value", e.getName(),
                e.getName() + ": " + e.getValue() + " is not valid" + allowed);
    }

    /**
     * A view as of a moment is a replay of the store up to it, which stops on an event a projection cannot process
     * (the same event parked in the live view): 409 rather than a 500 that says nothing. An administrator, who can
     * evict it, is told which event, its group and sequence, and the cause ({@code failedEvent}, as a failed rebuild
     * reports it); anyone else (a supervisor reading the county as of a date) is told that much and no more: the
     * event may be another station's, and the cause is the database's own words. The log has it all.
     */
    @ExceptionHandler(cn.daiban.query.deadletter.FailedEvent.ReplayFailedException.class)
    ProblemDetail replayFailed(cn.daiban.query.deadletter.FailedEvent.ReplayFailedException e) {
        log.warn("a replay as of a moment failed", e);
        boolean administrator = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication() != null && org.springframework.security.core.context.SecurityContextHolder
                .getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + cn.daiban.security.Role.ADMINISTRATOR.name())
                        .equals(authority.getAuthority()));
        if (!administrator) {
            return problem(HttpStatus.CONFLICT, "replay-failed", null, "the view as of that moment cannot be built: "
                    + "a stored event cannot be processed; an administrator sees which in the dead letters");
        }
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "replay-failed", null, e.getMessage()
                + "; the view cannot be built past it until the event is evicted (reason kept) "
                + "(POST /api/admin/dead-letters/{group}/{sequence}/eviction) or its cause is removed");
        problem.setProperty("failedEvent", e.event().report());
        return problem;
    }

    @ExceptionHandler(CalendarYearNotLoadedException.class)
    ProblemDetail yearNotLoaded(CalendarYearNotLoadedException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "calendar-year-not-loaded", "year", e.getMessage());
    }

    @ExceptionHandler(CompletionException.class)
    ProblemDetail queryFailed(CompletionException e, HttpServletResponse response) {
        if (DatabaseOutage.isOutage(e) || DatabaseOutage.isRemoteOutage(e)) {
            return unavailable(e, response);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.axonframework.queryhandling.QueryExecutionException failed
                    && failed.getDetails().orElse(null) instanceof QueryRejection rejection) {
                if (QueryRejection.UNAVAILABLE.equals(rejection.kind())) {
                    return unavailable(e, response);
                }
                HttpStatus status = QueryRejection.INVALID_VALUE.equals(rejection.kind())
                        ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY;
                return problem(status, rejection.rule(), rejection.field(), rejection.message());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof InvalidValueException invalid) {
            return invalid(invalid);
        }
        Throwable root = cause;
        while (root != null && !(root instanceof CalendarYearNotLoadedException)) {
            root = root.getCause();
        }
        if (root instanceof CalendarYearNotLoadedException notLoaded) {
            return yearNotLoaded(notLoaded);
        }
        log.error("query failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null, "the query could not be answered");
    }

    /**
     * An export that failed after its first bytes were sent: no answer can follow, so the exception is thrown on
     * and the server closes the connection without completing the response (see {@link ExportAbortedException}).
     */
    @ExceptionHandler(ExportAbortedException.class)
    void exportAborted(ExportAbortedException e) {
        log.error("export aborted mid-stream", e.getCause());
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletResponse response) {
        if (DatabaseOutage.isOutage(e) || DatabaseOutage.isRemoteOutage(e)) {
            return unavailable(e, response);
        }
        log.error("request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null, "the request could not be answered");
    }

    /** The field (JSON path) and the shape it must have; never a Java class name. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(BoundaryProblems.notReadable(e));
    }

    /** Spring MVC's own answers (unknown route, method not allowed, unsupported media type …) in our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        return super.handleExceptionInternal(e, BoundaryProblems.normalise(e, body, statusCode), headers, statusCode,
                request);
    }

    /** The database is away; nothing was read. */
    static ProblemDetail unavailable(Throwable e, HttpServletResponse response) {
        return DatabaseOutage.answer(e, response);
    }

    static ProblemDetail problem(HttpStatus status, String rule, String field, String detail) {
        return ProblemResponses.problem(status.value(), rule, field, detail);
    }
}

package cn.daiban.command.web;

import cn.daiban.security.boundary.BoundaryProblems;
import cn.daiban.security.boundary.ProblemResponses;
import cn.daiban.security.DatabaseOutage;
import cn.daiban.security.privacy.ErasedDataSubjectException;
import jakarta.servlet.http.HttpServletResponse;

import cn.daiban.command.common.CommandRejection;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.InvalidValueException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every refusal as RFC 9457 {@code application/problem+json}, naming the field or the rule that failed:
 * 400 for malformed or invalid input, 404 for an unknown target, 409 for a step the life-cycle forbids now or a
 * stale version, 422 for a broken business rule, 503 with {@code Retry-After} when the database cannot be reached
 * (the command did nothing; see {@link DatabaseOutage}). Nothing here ever answers 500 for bad input.
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
    ProblemDetail invalidValue(InvalidValueException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-value", e.field(), e.getMessage());
    }

    /** A refusal raised outside a command handler (a policy reacting in the command's transaction). */
    @ExceptionHandler(DomainRuleException.class)
    ProblemDetail refused(DomainRuleException e) {
        HttpStatus status = e.kind() == DomainRuleException.Kind.ILLEGAL_TRANSITION
                ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
        return problem(status, e.rule(), e.field(), e.getMessage());
    }

    @ExceptionHandler(DelegationDocuments.DocumentNotIssuedException.class)
    ProblemDetail notIssued(DelegationDocuments.DocumentNotIssuedException e) {
        return problem(HttpStatus.CONFLICT, "document-not-issued", e.document, e.getMessage());
    }

    @ExceptionHandler({DelegationDocuments.UnknownDocumentException.class, NoSuchDelegationException.class})
    ProblemDetail unknownDocument(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", null, e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", CommandRequest.IDEMPOTENCY_KEY,
                e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandRefused(CommandExecutionException e, HttpServletResponse response) {
        if (DatabaseOutage.isOutage(e) || DatabaseOutage.isRemoteOutage(e)) {
            return unavailable(e, response);
        }
        Optional<CommandRejection> details = e.getDetails();
        if (details.isPresent()) {
            CommandRejection rejection = details.get();
            if (CommandRejection.UNAVAILABLE.equals(rejection.kind())) {
                return unavailable(e, response);
            }
            HttpStatus status = switch (rejection.kind()) {
                case "ILLEGAL_TRANSITION", CommandRejection.CONFLICT -> HttpStatus.CONFLICT;
                case CommandRejection.INVALID_VALUE -> HttpStatus.BAD_REQUEST;
                case CommandRejection.NOT_FOUND -> HttpStatus.NOT_FOUND;
                default -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            return problem(status, rejection.rule(), rejection.field(), rejection.message());
        }
        ProblemDetail remote = remoteFailure(e);
        if (remote != null) {
            return remote;
        }
        return axonFailure(e.getCause() != null ? e.getCause() : e);
    }

    /**
     * What failed behind Axon Server after the handler had returned (so without {@link CommandRejection} details),
     * recognised by Axon Server's error code and message, since exception classes do not cross it: the append refused
     * because the stream moved on ({@code [AXONIQ-2000] Invalid sequence number n … expected m}: with n = 0 the id was
     * taken, else someone else's change came first), an aggregate's version not as expected, and a data subject
     * erased while its personal data was being sealed. Null when the failure is none of these.
     */
    static ProblemDetail remoteFailure(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
            if (cause instanceof org.axonframework.messaging.RemoteHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            } else if (cause instanceof org.axonframework.messaging.RemoteNonTransientHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        String all = text.toString();
        if (all.contains(ErasedDataSubjectException.MESSAGE_MARK)) {
            java.util.regex.Matcher erased = ERASED.matcher(all);
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "data-subject-erased", null,
                    erased.find() ? erased.group() : "the personal data of this record was erased");
        }
        if (INVALID_SEQUENCE_ZERO.matcher(all).find()) {
            CommandRejection taken = CommandRejection.alreadyExists();
            return problem(HttpStatus.CONFLICT, taken.rule(), null, taken.message());
        }
        if (all.contains("was not as expected")) {
            return problem(HttpStatus.CONFLICT, "stale-version", "If-Match",
                    "the version sent in If-Match is no longer current: reload and try again");
        }
        if (all.contains("AXONIQ-2000") || all.contains("Invalid sequence number")) {
            CommandRejection race = CommandRejection.concurrentModification();
            return problem(HttpStatus.CONFLICT, race.rule(), null, race.message());
        }
        return null;
    }

    private static final java.util.regex.Pattern INVALID_SEQUENCE_ZERO =
            java.util.regex.Pattern.compile("Invalid sequence number 0 ");
    private static final java.util.regex.Pattern ERASED =
            java.util.regex.Pattern.compile("the personal data of record \\S+ was erased[^\\n]*");

    @ExceptionHandler({AggregateNotFoundException.class, ConcurrencyException.class,
            ConflictingModificationException.class, AggregateStreamCreationException.class,
            IncompatibleAggregateException.class})
    ProblemDetail axonFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErasedDataSubjectException erased) {
                return problem(HttpStatus.UNPROCESSABLE_ENTITY, "data-subject-erased", null, erased.getMessage());
            }
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return problem(HttpStatus.NOT_FOUND, "not-found", null,
                    "nothing found with id " + notFound.getAggregateIdentifier());
        }
        if (e instanceof IncompatibleAggregateException && CommandRejection.otherKindOfRecord(e)) {
            return problem(HttpStatus.NOT_FOUND, "not-found", null, CommandRejection.otherKindOfRecord().message());
        }
        if (e instanceof ConflictingAggregateVersionException stale) {
            return problem(HttpStatus.CONFLICT, "stale-version", "If-Match",
                    "expected version " + stale.getExpectedVersion() + " but it is now at " + stale.getActualVersion()
                            + ": reload and try again");
        }
        if (e instanceof AggregateStreamCreationException) {
            return problem(HttpStatus.CONFLICT, "already-exists", null, "it already exists: an id is used only once");
        }
        if (e instanceof ConflictingModificationException || e instanceof ConcurrencyException) {
            return problem(HttpStatus.CONFLICT, "concurrent-modification", null,
                    "someone else changed it at the same moment: reload and try again");
        }
        log.error("command failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null, "the command could not be handled");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletResponse response) {
        if (DatabaseOutage.isOutage(e) || DatabaseOutage.isRemoteOutage(e)) {
            return unavailable(e, response);
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ErasedDataSubjectException || cause instanceof AggregateNotFoundException
                    || cause instanceof ConcurrencyException || cause instanceof ConflictingModificationException
                    || cause instanceof AggregateStreamCreationException
                    || cause instanceof IncompatibleAggregateException) {
                return axonFailure(cause);
            }
            cause = cause.getCause();
        }
        ProblemDetail remote = remoteFailure(e);
        if (remote != null) {
            return remote;
        }
        log.error("request failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null, "the request could not be handled");
    }

    /** The database is away: the transaction never began or was rolled back, so nothing happened; try again. */
    static ProblemDetail unavailable(Throwable e, HttpServletResponse response) {
        return DatabaseOutage.answer(e, response);
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

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-value",
                errors.isEmpty() ? null : errors.get(0).get("field"), "invalid fields: " + fields);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String rule, String field, String detail) {
        return ProblemResponses.problem(status.value(), rule, field, detail);
    }
}

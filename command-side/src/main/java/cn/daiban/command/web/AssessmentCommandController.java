package cn.daiban.command.web;

import cn.daiban.command.assessment.AssessmentPublication;
import cn.daiban.command.common.CommandRejection;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Publishing the quarterly assessment (通报, `003 四(三)`: 考核评估结果每季度通报), once per station and quarter. */
@RestController
@Tag(name = "Assessment", description = "季度考核通报: publish a quarter's assessment once")
class AssessmentCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    AssessmentCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record PublicationRequest(String station, Integer year, Integer quarter) {
    }

    @PostMapping("/api/assessments/quarterly/publications")
    @Operation(summary = "Publish a station's quarterly assessment (its station, zone and agent rows) once: the query "
            + "side freezes the figures with a SHA-256 digest")
    ResponseEntity<CommandAcknowledgement> publish(@RequestBody PublicationRequest body) {
        if (body.year() == null) {
            throw new cn.daiban.kernel.common.InvalidValueException("year", "is required");
        }
        if (body.quarter() == null) {
            throw new cn.daiban.kernel.common.InvalidValueException("quarter", "is required");
        }
        if (body.station() == null || body.station().isBlank()) {
            throw new cn.daiban.kernel.common.InvalidValueException("station", "is required");
        }
        StationCode station;
        try {
            station = StationCode.of(body.station());
        } catch (cn.daiban.kernel.common.InvalidValueException e) {
            throw new cn.daiban.kernel.common.InvalidValueException("station",
                    "must be 4 to 20 upper-case letters or digits");
        }
        PublishQuarterlyAssessmentCommand command =
                new PublishQuarterlyAssessmentCommand(station, body.year(), body.quarter());
        try {
            return Responses.created("/api/assessments/quarterly?station=" + station.value() + "&year=" + body.year()
                    + "&quarter=" + body.quarter(), dispatcher.send(requests.of(body), command.publicationId(),
                    () -> command));
        } catch (RuntimeException e) {
            if (streamTaken(e)) {
                // Two publications at the same moment: the event store let the other one write first.
                throw DomainRuleException.illegalTransition(AssessmentPublication.PUBLISHED_ONCE, "the assessment of "
                        + station + " for " + body.year() + "-Q" + body.quarter() + " was published already");
            }
            throw e;
        }
    }

    /** Whether the publication's stream was created by someone else first (JDBC store or Axon Server). */
    static boolean streamTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException || cause instanceof DuplicateKeyException) {
                return true;
            }
            if (cause instanceof CommandExecutionException refused) {
                java.util.Optional<Object> details = refused.getDetails();
                if (details.isPresent() && details.get() instanceof CommandRejection rejection
                        && "already-exists".equals(rejection.rule())) {
                    return true;
                }
            }
        }
        ProblemDetail remote = ProblemHandler.remoteFailure(e);
        return remote != null && remote.getProperties() != null
                && "already-exists".equals(remote.getProperties().get("rule"));
    }
}

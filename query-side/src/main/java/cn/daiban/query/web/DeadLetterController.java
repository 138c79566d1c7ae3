package cn.daiban.query.web;

import cn.daiban.query.deadletter.DeadLetters;
import cn.daiban.security.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Administration of parked events (administrators only, see {@link ReadAccess}): list them per processing group,
 * retry a sequence or a whole group, evict a sequence with a reason that is kept.
 */
@RestController
@Tag(name = "Dead letters", description = "Events a projection could not process, parked per sequence")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(summary = "Parked events of every processing group, with the count per group")
    Map<String, Object> all() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", deadLetters.counts());
        answer.put("deadLetters", deadLetters.letters());
        return answer;
    }

    @GetMapping("/api/admin/dead-letters/{group}")
    @Operation(summary = "Parked events of one processing group: event, sequence, position, cause, attempts")
    List<DeadLetters.Letter> group(@PathVariable String group) {
        return deadLetters.letters(group);
    }

    @GetMapping("/api/admin/dead-letters/{group}/evictions")
    @Operation(summary = "Parked events given up in one processing group: who, when, why, what event")
    List<Map<String, Object>> evictions(@PathVariable String group) {
        return deadLetters.evictions(group);
    }

    @PostMapping("/api/admin/dead-letters/{group}/{sequence}/retry")
    @Operation(summary = "Process a parked sequence again, in order; what still fails stays parked")
    DeadLetters.Retry retry(@PathVariable String group, @PathVariable String sequence) {
        return deadLetters.retry(group, sequence);
    }

    @PostMapping("/api/admin/dead-letters/{group}/retry")
    @Operation(summary = "Process every parked sequence of a processing group again")
    List<DeadLetters.Retry> retryAll(@PathVariable String group) {
        return deadLetters.retryAll(group);
    }

    /** The body of an eviction. */
    record EvictionRequest(String reason) {
    }

    @PostMapping("/api/admin/dead-letters/{group}/{sequence}/eviction")
    @Operation(summary = "Give up the parked events of a sequence, with a reason that is kept with who and when")
    DeadLetters.Eviction evict(@PathVariable String group, @PathVariable String sequence,
                               @RequestBody(required = false) EvictionRequest request) {
        return deadLetters.evict(group, sequence, request == null ? null : request.reason(), User.require().id());
    }

    @ExceptionHandler({DeadLetters.UnknownGroupException.class, DeadLetters.NothingParkedException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemHandler.problem(HttpStatus.NOT_FOUND, "not-found",
                e instanceof DeadLetters.UnknownGroupException ? "group" : "sequence", e.getMessage());
    }
}

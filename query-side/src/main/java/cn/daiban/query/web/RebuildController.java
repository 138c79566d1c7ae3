package cn.daiban.query.web;

import cn.daiban.query.replay.ProjectionRebuilds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Administration: rebuild a projection (or all) from the start of the stream, and follow its progress. */
@RestController
@Tag(name = "Rebuilds", description = "Rebuild projections from the event stream, with progress")
class RebuildController {

    private final ProjectionRebuilds rebuilds;

    RebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping("/api/admin/rebuilds")
    @Operation(summary = "The projections (processing groups) that can be rebuilt")
    List<String> groups() {
        return rebuilds.groups();
    }

    @PostMapping("/api/admin/rebuilds/{group}")
    @Operation(summary = "Rebuild one projection, or 'all'; the old read model keeps serving until the switch-over")
    ResponseEntity<Object> start(@PathVariable String group) {
        if ("all".equals(group)) {
            return ResponseEntity.accepted().body(rebuilds.startAll().stream().map(ProjectionRebuilds.Progress::report)
                    .toList());
        }
        return ResponseEntity.accepted().body(rebuilds.start(group).report());
    }

    @GetMapping("/api/admin/rebuilds/{group}")
    @Operation(summary = "Progress of a rebuild: events processed, position, rate, estimated time left")
    Map<String, Object> status(@PathVariable String group) {
        return rebuilds.status(group).report();
    }

    @ExceptionHandler(ProjectionRebuilds.ProcessedElsewhereException.class)
    ProblemDetail processedElsewhere(RuntimeException e) {
        return ProblemHandler.problem(HttpStatus.CONFLICT, "rebuild-processed-elsewhere", "group", e.getMessage());
    }

    @ExceptionHandler({ProjectionRebuilds.UnknownProcessingGroupException.class, ProjectionRebuilds.NoRebuildException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemHandler.problem(HttpStatus.NOT_FOUND, "not-found", "group", e.getMessage());
    }
}

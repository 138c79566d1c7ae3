package cn.daiban.command.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** Answers for dispatched commands: the acknowledgement, its version as ETag, and whether it was a replay. */
final class Responses {

    static final String REPLAYED = "Idempotent-Replayed";

    private Responses() {
    }

    static ResponseEntity<CommandAcknowledgement> created(String location, CommandDispatcher.Dispatched dispatched) {
        return answer(HttpStatus.CREATED, dispatched).location(URI.create(dispatched.location(location)))
                .body(dispatched.acknowledgement());
    }

    static ResponseEntity<CommandAcknowledgement> ok(CommandDispatcher.Dispatched dispatched) {
        return answer(HttpStatus.OK, dispatched).body(dispatched.acknowledgement());
    }

    private static ResponseEntity.BodyBuilder answer(HttpStatus status, CommandDispatcher.Dispatched dispatched) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.ETAG, "\"" + dispatched.acknowledgement().version() + "\"")
                .header(REPLAYED, Boolean.toString(dispatched.replayed()));
    }
}

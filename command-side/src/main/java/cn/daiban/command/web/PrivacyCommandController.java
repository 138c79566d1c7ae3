package cn.daiban.command.web;

import cn.daiban.kernel.privacy.EraseDataSubjectCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@Tag(name = "Personal data", description = "Erasure of a person's personal data (crypto-shredding)")
class PrivacyCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    PrivacyCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    /** Whose data: a resident ID, a phone number, or one record's id (a delegation, consultation, complaint, booking). */
    record ErasureRequest(String residentId, String phone, String subjectId, String reason) {

        @Override
        public String toString() {
            return "ErasureRequest[…]";
        }
    }

    @PostMapping("/api/admin/data-subjects/erasure")
    @Operation(summary = "Administrators: erase a person's personal data everywhere; history and figures stay")
    ResponseEntity<CommandAcknowledgement> erase(@RequestBody ErasureRequest body) {
        String erasureId = UUID.randomUUID().toString();
        return Responses.created("/api/admin/data-subjects/erasure/" + erasureId, dispatcher.send(requests.of(body),
                erasureId, () -> new EraseDataSubjectCommand(erasureId, body.residentId(), body.phone(),
                        body.subjectId(), body.reason())));
    }
}

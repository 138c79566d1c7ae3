package cn.daiban.command.web;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.complaint.*;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Function;

/** Complaints (投诉, GB/T 36113): received, accepted or not, investigated, handled, answered, closed. */
@RestController
@RequestMapping("/api/complaints")
@Tag(name = "Complaints", description = "投诉: against a station, an agent or a delegation, with a time limit")
class ComplaintCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    ComplaintCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record FilingRequest(StationCode stationCode, AgentId agentId, DelegationId delegationId, ComplaintChannel channel,
                         String complainantName, PhoneNumber contact, String content) {
    }

    @PostMapping
    @Operation(summary = "Receive a complaint")
    ResponseEntity<CommandAcknowledgement> file(@RequestBody FilingRequest body) {
        ComplaintId id = ComplaintId.create();
        return Responses.created("/api/complaints/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new FileComplaintCommand(id, body.stationCode(), body.agentId(), body.delegationId(),
                        body.channel(), body.complainantName(), body.contact(), body.content())));
    }

    @PostMapping("/{id}/acceptance")
    @Operation(summary = "Accept it: the time limit (default 5 working days) starts")
    ResponseEntity<CommandAcknowledgement> accept(@PathVariable String id) {
        return step(id, null, AcceptComplaintCommand::new);
    }

    record ReasonRequest(String reason) {
    }

    @PostMapping("/{id}/refusal")
    @Operation(summary = "Do not accept it, with the reason")
    ResponseEntity<CommandAcknowledgement> decline(@PathVariable String id, @RequestBody ReasonRequest body) {
        return step(id, body, c -> new DeclineComplaintCommand(c, body.reason()));
    }

    record InvestigationRequest(String findings) {
    }

    @PostMapping("/{id}/investigation")
    @Operation(summary = "Record the investigation")
    ResponseEntity<CommandAcknowledgement> investigate(@PathVariable String id, @RequestBody InvestigationRequest body) {
        return step(id, body, c -> new RecordComplaintInvestigationCommand(c, body.findings()));
    }

    record HandlingRequest(String finding, String measures) {
    }

    @PostMapping("/{id}/handling")
    @Operation(summary = "The finding and the measures taken")
    ResponseEntity<CommandAcknowledgement> handle(@PathVariable String id, @RequestBody HandlingRequest body) {
        return step(id, body, c -> new HandleComplaintCommand(c, body.finding(), body.measures()));
    }

    record FeedbackRequest(String feedback) {
    }

    @PostMapping("/{id}/feedback")
    @Operation(summary = "Tell the complainant the outcome")
    ResponseEntity<CommandAcknowledgement> feedback(@PathVariable String id, @RequestBody FeedbackRequest body) {
        return step(id, body, c -> new GiveComplaintFeedbackCommand(c, body.feedback()));
    }

    record ClosingRequest(String archiveReference) {
    }

    @PostMapping("/{id}/closure")
    @Operation(summary = "Close and archive it")
    ResponseEntity<CommandAcknowledgement> close(@PathVariable String id, @RequestBody ClosingRequest body) {
        return step(id, body, c -> new CloseComplaintCommand(c, body.archiveReference()));
    }

    private ResponseEntity<CommandAcknowledgement> step(String id, Object body, Function<ComplaintId, Object> command) {
        ComplaintId complaint = ComplaintId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id, () -> command.apply(complaint)));
    }
}

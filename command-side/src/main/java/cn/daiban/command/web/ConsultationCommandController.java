package cn.daiban.command.web;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.consultation.AnswerConsultationCommand;
import cn.daiban.kernel.consultation.ConsultationChannel;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.consultation.ForwardConsultationCommand;
import cn.daiban.kernel.consultation.PreCheckMaterialsCommand;
import cn.daiban.kernel.delegation.MaterialCheck;
import java.util.List;
import cn.daiban.kernel.consultation.RecordConsultationCommand;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consultations (咨询): recorded, answered at once or forwarded (reply due within one working day). */
@RestController
@RequestMapping("/api/consultations")
@Tag(name = "Consultations", description = "咨询: record, forward to a department, answer, pre-check materials")
class ConsultationCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    ConsultationCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    /** {@code itemCode} / {@code itemAsked}: the matter asked about, an item of the catalogue or in the visitor's words. */
    record RecordRequest(StationCode stationCode, AgentId agentId, String visitorName, PhoneNumber contact,
                         ConsultationChannel channel, String content, String answer, ServiceItemCode itemCode,
                         String itemAsked) {
    }

    @PostMapping
    @Operation(summary = "Record a consultation; with an answer it was answered at once")
    ResponseEntity<CommandAcknowledgement> record(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.CONSULTATION))) @RequestBody RecordRequest body) {
        ConsultationId id = ConsultationId.create();
        return Responses.created("/api/consultations/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new RecordConsultationCommand(id, body.stationCode(), body.agentId(), body.visitorName(),
                        body.contact(), body.channel(), body.content(), body.answer(), body.itemCode(),
                        body.itemAsked())));
    }

    record ForwardRequest(String department) {
    }

    @PostMapping("/{id}/forwarding")
    @Operation(summary = "Forward to a department; the reply is due within one working day")
    ResponseEntity<CommandAcknowledgement> forward(@PathVariable String id, @RequestBody ForwardRequest body) {
        ConsultationId consultation = ConsultationId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id,
                () -> new ForwardConsultationCommand(consultation, body.department())));
    }

    record AnswerRequest(String answer) {
    }

    @PostMapping("/{id}/answer")
    @Operation(summary = "Answer the consultation")
    ResponseEntity<CommandAcknowledgement> answer(@PathVariable String id, @RequestBody AnswerRequest body) {
        ConsultationId consultation = ConsultationId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id,
                () -> new AnswerConsultationCommand(consultation, body.answer())));
    }

    record PreCheckRequest(ServiceItemCode itemCode, List<MaterialCheck> materials) {
    }

    /**
     * The counter's pre-check (资料预审) of what the visitor brought, recorded as it stood; if anything is missing the
     * one-time notice is given (GET /api/consultations/{id}/documents/one-time-notice prints it). A counter clerk
     * checks before commissioning and hands the notice over, so this is a step of its own rather than a refused
     * commissioning, which would leave nothing recorded.
     */
    @PostMapping("/{id}/pre-check")
    @Operation(summary = "Pre-check the materials against the item's list (资料预审); anything missing gives the "
            + "one-time notice (一次性告知单)")
    ResponseEntity<CommandAcknowledgement> preCheck(@PathVariable String id, @RequestBody PreCheckRequest body) {
        ConsultationId consultation = ConsultationId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id,
                () -> new PreCheckMaterialsCommand(consultation, body.itemCode(), body.materials())));
    }
}

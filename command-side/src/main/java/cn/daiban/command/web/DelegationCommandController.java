package cn.daiban.command.web;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One endpoint per step of a delegation's life (see DOMAIN.md "The delegation"). Each answers the delegation id
 * and its version after the step; send that version back as {@code If-Match} to guard the next one.
 */
@RestController
@RequestMapping("/api/delegations")
@Tag(name = "Delegations", description = "委托 / 办件: commissioning, handling, supplements, escalation, fees, "
        + "suspension, completion, delivery, evaluation, archive")
class DelegationCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    DelegationCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record CommissionRequest(DelegationKind kind, ServiceMode mode, StationCode stationCode, String window,
                             AgentId agentId, ServiceItemCode itemCode, Client client, boolean consentGiven,
                             Integer promisedWorkingDays, NeedsAnalysis needsAnalysis, List<ToleratedGap> toleratedGaps,
                             List<String> parallelDepartments, AgentId teamLeaderId, boolean applicantSigned,
                             List<String> notes, boolean specialHandling, String consultationId,
                             DelegationId previousDelegationId, Set<ClientCategoryCode> clientCategories,
                             HomeVisitAppointment homeVisit, java.time.Instant appliedAt,
                             List<MaterialCheck> materials) {
    }

    @PostMapping
    @Operation(summary = "Commission a delegation (委托受理): assist or proxy; a proxy gets an acceptance form")
    ResponseEntity<CommandAcknowledgement> commission(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.COMMISSION))) @RequestBody CommissionRequest body) {
        DelegationId id = DelegationId.create();
        return Responses.created("/api/delegations/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new CommissionDelegationCommand(id, body.kind(), body.mode(), body.stationCode(), body.window(),
                        body.agentId(), body.itemCode(), body.client(), body.consentGiven(),
                        body.promisedWorkingDays(), body.needsAnalysis(), body.toleratedGaps(),
                        body.parallelDepartments(), body.teamLeaderId(), body.applicantSigned(), body.notes(),
                        body.specialHandling(), body.consultationId(), body.previousDelegationId(),
                        body.clientCategories(), body.homeVisit(), body.appliedAt(), body.materials())));
    }

    record DeclineRequest(DelegationKind kind, StationCode stationCode, AgentId agentId, ServiceItemCode itemCode,
                          Client client, String reason, String window, String itemAsked) {
    }

    @PostMapping("/declined")
    @Operation(summary = "Record an intake that does not qualify, with the reason told (不予受理); it appears in the ledger")
    ResponseEntity<CommandAcknowledgement> decline(@RequestBody DeclineRequest body) {
        DelegationId id = DelegationId.create();
        return Responses.created("/api/delegations/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new DeclineDelegationCommand(id, body.kind(), body.stationCode(), body.agentId(),
                        body.itemCode(), body.client(), body.reason(), body.window(), body.itemAsked())));
    }

    record ReassignRequest(AgentId newAgentId, String reason, boolean clientInformed) {
    }

    @PostMapping("/{id}/reassignment")
    @Operation(summary = "Change the responsible agent (reason, client informed)")
    ResponseEntity<CommandAcknowledgement> reassign(@PathVariable String id, @RequestBody ReassignRequest body) {
        return step(id, body, d -> new ReassignAgentCommand(d, body.newAgentId(), body.reason(), body.clientInformed()));
    }

    record ProgressRequest(String note, ProgressChannel channel, String channelNote) {
    }

    @PostMapping("/{id}/progress")
    @Operation(summary = "Report progress to the client")
    ResponseEntity<CommandAcknowledgement> progress(@PathVariable String id, @RequestBody ProgressRequest body) {
        return step(id, body, d -> new ReportProgressCommand(d, body.note(), body.channel(), body.channelNote()));
    }

    record SupplementRequest(List<MissingMaterial> materials, LocalDate dueDate, String justification) {
    }

    @PostMapping("/{id}/supplement-requests")
    @Operation(summary = "One-time notice of every missing material (一次性告知), with a due date")
    ResponseEntity<CommandAcknowledgement> requestSupplement(@PathVariable String id,
                                                             @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.SUPPLEMENT))) @RequestBody SupplementRequest body) {
        return step(id, body, d -> new RequestSupplementCommand(d, body.materials(), body.dueDate(),
                body.justification()));
    }

    record NoteRequest(String note) {
    }

    @PostMapping("/{id}/supplement-receipt")
    @Operation(summary = "The requested materials arrived; the deadline moves out by the working days spent waiting")
    ResponseEntity<CommandAcknowledgement> receiveSupplement(@PathVariable String id,
                                                             @RequestBody(required = false) NoteRequest body) {
        return step(id, body, d -> new ReceiveSupplementCommand(d, body == null ? null : body.note()));
    }

    record MaterialRequest(String materialName) {
    }

    record OnSpotRequest(List<String> materialNames) {
    }

    @PostMapping("/{id}/materials/completed-on-the-spot")
    @Operation(summary = "Materials completed at the counter (当场补正): recorded, no supplement wait, the clock runs on")
    ResponseEntity<CommandAcknowledgement> completeOnSpot(@PathVariable String id, @RequestBody OnSpotRequest body) {
        return step(id, body, d -> new CompleteMaterialsOnSpotCommand(d, body.materialNames()));
    }

    @PostMapping("/{id}/tolerated-materials/receipt")
    @Operation(summary = "A material accepted as missing at intake (容缺) was handed in")
    ResponseEntity<CommandAcknowledgement> receiveTolerated(@PathVariable String id, @RequestBody MaterialRequest body) {
        return step(id, body, d -> new ReceiveToleratedMaterialCommand(d, body.materialName()));
    }

    record ConversionRequest(Client client, NeedsAnalysis needsAnalysis, AgentId teamLeaderId, boolean applicantSigned,
                             List<String> notes) {
    }

    @PostMapping("/{id}/conversion-to-proxy")
    @Operation(summary = "Turn an assist into a proxy under an acceptance form")
    ResponseEntity<CommandAcknowledgement> convert(@PathVariable String id, @RequestBody ConversionRequest body) {
        return step(id, body, d -> new ConvertAssistToProxyCommand(d, body.client(), body.needsAnalysis(),
                body.teamLeaderId(), body.applicantSigned(), body.notes()));
    }

    record TransferRequest(String toWindow, String reason) {
    }

    @PostMapping("/{id}/transfer")
    @Operation(summary = "Transfer to another zone or window: pending until the receiver accepts it (003 三(五)); "
            + "the first receiver stays responsible")
    ResponseEntity<CommandAcknowledgement> transfer(@PathVariable String id, @RequestBody TransferRequest body) {
        return step(id, body, d -> new TransferDelegationCommand(d, body.toWindow(), body.reason()));
    }

    record TransferAcceptanceRequest(cn.daiban.kernel.agent.AgentId helperAgentId, String note) {
    }

    @PostMapping("/{id}/transfer/acceptance")
    @Operation(summary = "The receiving zone or window accepts the pending transfer and names its helper "
            + "(003 三(五)); the first receiver stays responsible")
    ResponseEntity<CommandAcknowledgement> acceptTransfer(@PathVariable String id,
                                                          @RequestBody TransferAcceptanceRequest body) {
        return step(id, body, d -> new AcceptDelegationTransferCommand(d,
                body.helperAgentId(), body.note()));
    }

    record TransferReasonRequest(String reason) {
    }

    @PostMapping("/{id}/transfer/withdrawal")
    @Operation(summary = "The sending side takes back the transfer waiting for its receiver (撤回转办), saying why; "
            + "the matter stays at its window")
    ResponseEntity<CommandAcknowledgement> withdrawTransfer(@PathVariable String id,
                                                            @RequestBody TransferReasonRequest body) {
        return step(id, body, d -> new WithdrawDelegationTransferCommand(d, body.reason()));
    }

    @PostMapping("/{id}/transfer/refusal")
    @Operation(summary = "The receiving zone or window returns the transfer waiting for it as not within its duties "
            + "(退回转办, 003 三(五)), saying why; the matter stays at the sending window")
    ResponseEntity<CommandAcknowledgement> refuseTransfer(@PathVariable String id,
                                                          @RequestBody TransferReasonRequest body) {
        return step(id, body, d -> new RefuseDelegationTransferCommand(d, body.reason()));
    }

    record ParallelTaskRequest(String department, boolean approved, String note) {
    }

    @PostMapping("/{id}/parallel-tasks")
    @Operation(summary = "One department's part of a parallel matter (并联办理) is done")
    ResponseEntity<CommandAcknowledgement> parallelTask(@PathVariable String id,
                                                        @RequestBody ParallelTaskRequest body) {
        return step(id, body, d -> new RecordParallelTaskCompletedCommand(d, body.department(), body.approved(),
                body.note()));
    }

    record EscalationRequest(StationCode targetStationCode, List<String> uploadedMaterialRefs, String note) {
    }

    @PostMapping("/{id}/escalations")
    @Operation(summary = "Escalate to a level with authority (materials scanned and uploaded)")
    ResponseEntity<CommandAcknowledgement> escalate(@PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.ESCALATION))) @RequestBody EscalationRequest body) {
        return step(id, body, d -> new EscalateDelegationCommand(d, body.targetStationCode(),
                body.uploadedMaterialRefs(), body.note()));
    }

    record DecisionRequest(boolean approved, String certificateNumber, String reason) {
    }

    @PostMapping("/{id}/escalations/{hop}/decision")
    @Operation(summary = "The upper level's decision: approved with the certificate issued, or rejected with the reason")
    ResponseEntity<CommandAcknowledgement> decide(@PathVariable String id, @PathVariable int hop,
                                                  @RequestBody DecisionRequest body) {
        return step(id, body, d -> new RecordUpperLevelDecisionCommand(d, hop, body.approved(),
                body.certificateNumber(), body.reason()));
    }

    @PostMapping("/{id}/escalations/{hop}/return")
    @Operation(summary = "The result comes back to the origin station")
    ResponseEntity<CommandAcknowledgement> returnResult(@PathVariable String id, @PathVariable int hop) {
        return step(id, null, d -> new ReturnResultCommand(d, hop));
    }

    record FeeRequest(String feeName) {
    }

    @PostMapping("/{id}/fees/notification")
    @Operation(summary = "Tell the client a statutory fee (amount, legal basis, payee) before any payment")
    ResponseEntity<CommandAcknowledgement> notifyFee(@PathVariable String id, @RequestBody FeeRequest body) {
        return step(id, body, d -> new NotifyStatutoryFeeCommand(d, body.feeName()));
    }

    record PaymentRequest(String feeName, long amountFen, String receiptNumber) {
    }

    @PostMapping("/{id}/fees/payment")
    @Operation(summary = "Record a statutory fee payment with its receipt number")
    ResponseEntity<CommandAcknowledgement> payFee(@PathVariable String id, @RequestBody PaymentRequest body) {
        return step(id, body, d -> new RecordFeePaymentCommand(d, body.feeName(), body.amountFen(),
                body.receiptNumber()));
    }

    record ExemptionRequest(String feeName, String reason) {
    }

    @PostMapping("/{id}/fees/exemption")
    @Operation(summary = "Record that a statutory fee does not apply to this client (依法减免), with its ground")
    ResponseEntity<CommandAcknowledgement> exemptFee(@PathVariable String id, @RequestBody ExemptionRequest body) {
        return step(id, body, d -> new RecordFeeExemptionCommand(d, body.feeName(), body.reason()));
    }

    record SuspensionRequest(SuspensionReason reason, String note) {
    }

    @PostMapping("/{id}/suspension")
    @Operation(summary = "Suspend (中止): client request, unpaid fees or force majeure")
    ResponseEntity<CommandAcknowledgement> suspend(@PathVariable String id, @RequestBody SuspensionRequest body) {
        return step(id, body, d -> new SuspendDelegationCommand(d, body.reason(), body.note()));
    }

    @PostMapping("/{id}/resumption")
    @Operation(summary = "Continue a suspended delegation (续办); the deadline moves out by the suspended working days")
    ResponseEntity<CommandAcknowledgement> resume(@PathVariable String id,
                                                  @RequestBody(required = false) NoteRequest body) {
        return step(id, body, d -> new ResumeDelegationCommand(d, body == null ? null : body.note()));
    }

    record ReasonRequest(String reason) {
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "The client withdraws: the delegation terminates")
    ResponseEntity<CommandAcknowledgement> withdraw(@PathVariable String id, @RequestBody ReasonRequest body) {
        return step(id, body, d -> new WithdrawDelegationCommand(d, body.reason()));
    }

    record CompletionRequest(boolean successful, String resultReference, String failureReason) {
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Complete (办结): success with the result, or failure with the reason")
    ResponseEntity<CommandAcknowledgement> complete(@PathVariable String id, @RequestBody CompletionRequest body) {
        return step(id, body, d -> new CompleteDelegationCommand(d, body.successful(), body.resultReference(),
                body.failureReason()));
    }

    record DeliveryRequest(DeliveryMethod method, String trackingNumber, String handoverProof,
                           boolean licenceInstructionsGiven) {
    }

    @PostMapping("/{id}/delivery")
    @Operation(summary = "Deliver the result: in person, by post (free), home delivery, or electronic licence")
    ResponseEntity<CommandAcknowledgement> deliver(@PathVariable String id, @RequestBody DeliveryRequest body) {
        return step(id, body, d -> new DeliverResultCommand(d, body.method(), body.trackingNumber(),
                body.handoverProof(), body.licenceInstructionsGiven()));
    }

    record ResultHeldRequest(List<DeliveryAttempt> attempts, String keptAt) {
    }

    @PostMapping("/{id}/result-held")
    @Operation(summary = "The result could not be handed over (留存待领): the tries made (at, channel, outcome) and where "
            + "it is kept for the client; a delivery is still recorded when the client comes, and the matter may be "
            + "archived without an evaluation")
    ResponseEntity<CommandAcknowledgement> holdResult(@PathVariable String id, @RequestBody ResultHeldRequest body) {
        return step(id, body, d -> new HoldResultForCollectionCommand(d, body.attempts(), body.keptAt()));
    }

    record EvaluationRequest(SatisfactionGrade overall, SatisfactionGrade attitude, SatisfactionGrade quality,
                             SatisfactionGrade efficiency, EvaluationChannel channel, String comment) {
    }

    @PostMapping("/{id}/evaluation")
    @Operation(summary = "The client's evaluation (一事一评): overall, attitude, quality, efficiency")
    ResponseEntity<CommandAcknowledgement> evaluate(@PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.EVALUATION))) @RequestBody EvaluationRequest body) {
        return step(id, body, d -> new EvaluateDelegationCommand(d, body.overall(), body.attitude(), body.quality(),
                body.efficiency(), body.channel(), body.comment()));
    }

    @PostMapping("/{id}/evaluation/voiding")
    @Operation(summary = "A supervisor voids a mistaken or malicious grade on appeal (申诉复核)")
    ResponseEntity<CommandAcknowledgement> voidEvaluation(@PathVariable String id, @RequestBody ReasonRequest body) {
        return step(id, body, d -> new VoidEvaluationCommand(d, body.reason()));
    }

    record FollowUpRequest(String callSummary) {
    }

    record PhoneFollowUpRequest(java.time.Instant calledAt, Boolean reached, String summary) {
    }

    @PostMapping("/{id}/phone-follow-ups")
    @Operation(summary = "A phone follow-up call (电话回访, 004 §7.1.3): when, reached or not, what was said; who "
            + "called is the signed-in user. After delivery, also once an evaluation exists")
    ResponseEntity<CommandAcknowledgement> phoneFollowUp(@PathVariable String id,
                                                         @RequestBody PhoneFollowUpRequest body) {
        return step(id, body, d -> new cn.daiban.kernel.delegation.RecordPhoneFollowUpCommand(d, body.calledAt(),
                body.reached(), body.summary()));
    }

    record FollowUpContactRequest(java.time.Instant contactedAt, cn.daiban.kernel.delegation.ProgressChannel channel,
                                  String summary) {
    }

    @PostMapping("/{id}/follow-up-contacts")
    @Operation(summary = "A follow-up contact after completion (跟踪服务, 002 一站式办理): when, channel, what; who is "
            + "the signed-in user. On a completed or delivered matter, until it is archived")
    ResponseEntity<CommandAcknowledgement> followUpContact(@PathVariable String id,
                                                           @RequestBody FollowUpContactRequest body) {
        return step(id, body, d -> new cn.daiban.kernel.delegation.RecordFollowUpContactCommand(d,
                body.contactedAt(), body.channel(), body.summary()));
    }

    record WorkLogEntryRequest(cn.daiban.kernel.delegation.WorkLogEntryKind kind, java.time.Instant occurredAt,
                               String summary, String analysis, String resolution, String department, String contact,
                               Integer resolves) {
    }

    @PostMapping("/{id}/work-log")
    @Operation(summary = "An entry of the matter's work log (工作日志, 002 代办·承办, 004 §6.3.3.2.3): a PROBLEM with its "
            + "analysis and resolution, a COORDINATION with the approving department, or a TRACKING note; a later "
            + "entry may resolve an open problem (resolves = its number). From intake until the archive")
    ResponseEntity<CommandAcknowledgement> workLog(@PathVariable String id, @RequestBody WorkLogEntryRequest body) {
        return step(id, body, d -> new cn.daiban.kernel.delegation.RecordWorkLogEntryCommand(d, body.kind(),
                body.occurredAt(), body.summary(), body.analysis(), body.resolution(), body.department(),
                body.contact(), body.resolves()));
    }

    @PostMapping("/{id}/rectification/follow-up")
    @Operation(summary = "The follow-up call to a client who graded poorly")
    ResponseEntity<CommandAcknowledgement> followUp(@PathVariable String id, @RequestBody FollowUpRequest body) {
        return step(id, body, d -> new RecordRectificationFollowUpCommand(d, body.callSummary()));
    }

    record MeasuresRequest(String measures) {
    }

    @PostMapping("/{id}/rectification/completion")
    @Operation(summary = "What was done about the poor grade (整改): marked done, it awaits supervision's re-check")
    ResponseEntity<CommandAcknowledgement> rectify(@PathVariable String id, @RequestBody MeasuresRequest body) {
        return step(id, body, d -> new CompleteRectificationCommand(d, body.measures()));
    }

    record RecheckRequest(Boolean accepted, String reason, java.time.LocalDate newDueDate) {
    }

    @PostMapping("/{id}/rectification/recheck")
    @Operation(summary = "Supervision re-checks a rectification the station marked done (复查, 000 §8.2.2, "
            + "004 §7.2.2): accepted closes it; sent back (accepted=false) needs a reason and a new due date")
    ResponseEntity<CommandAcknowledgement> recheck(@PathVariable String id, @RequestBody RecheckRequest body) {
        return step(id, body, d -> new cn.daiban.kernel.delegation.RecheckRectificationCommand(d, body.accepted(),
                body.reason(), body.newDueDate()));
    }

    /** The whole new set, given: an empty list clears them, a missing one is a mistake (it cleared them too). */
    record ClientCategoriesRequest(Set<ClientCategoryCode> clientCategories, String reason) {
        ClientCategoriesRequest {
            cn.daiban.kernel.common.Require.present(clientCategories, "clientCategories");
        }
    }

    @PostMapping("/{id}/client-categories")
    @Operation(summary = "Change the categories the client carries (002 服务对象): the whole new set")
    ResponseEntity<CommandAcknowledgement> changeClientCategories(@PathVariable String id,
                                                                  @RequestBody ClientCategoriesRequest body) {
        return step(id, body, d -> new ChangeClientCategoriesCommand(d, body.clientCategories(), body.reason()));
    }

    record HomeVisitRequest(HomeVisitAppointment homeVisit, String reason) {
    }

    @PostMapping("/{id}/home-visit")
    @Operation(summary = "Agree a home visit (上门代办): time and address; switches the matter to HOME_VISIT")
    ResponseEntity<CommandAcknowledgement> arrangeHomeVisit(@PathVariable String id,
                                                            @RequestBody HomeVisitRequest body) {
        return step(id, body, d -> new ArrangeHomeVisitCommand(d, body.homeVisit(), body.reason()));
    }

    record ArrivalRequest(Instant arrivedAt, String note) {
    }

    @PostMapping("/{id}/home-visit/arrival")
    @Operation(summary = "The agent arrived for the agreed home visit; after the agreed time it is late")
    ResponseEntity<CommandAcknowledgement> recordHomeVisit(@PathVariable String id, @RequestBody ArrivalRequest body) {
        return step(id, body, d -> new RecordHomeVisitCommand(d, body.arrivedAt(), body.note()));
    }

    record HandbackRequest(List<String> materials, boolean signedByClient, String note) {
    }

    @PostMapping("/{id}/materials-handback")
    @Operation(summary = "An ended matter (terminated, withdrawn, declined) hands every material back; the client "
            + "signs the handover (002 帮办·办结, 代办·办结)")
    ResponseEntity<CommandAcknowledgement> handBack(@PathVariable String id, @RequestBody HandbackRequest body) {
        return step(id, body, d -> new HandBackMaterialsCommand(d, body.materials(), body.signedByClient(),
                body.note()));
    }

    record ArchiveRequest(String archiveReference, List<String> documents) {
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "File the matter's documents (归档)")
    ResponseEntity<CommandAcknowledgement> archive(@PathVariable String id, @RequestBody ArchiveRequest body) {
        return step(id, body, d -> new ArchiveDelegationCommand(d, body.archiveReference(), body.documents()));
    }

    private ResponseEntity<CommandAcknowledgement> step(String id, Object body, Function<DelegationId, Object> command) {
        DelegationId delegationId = DelegationId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id, () -> command.apply(delegationId)));
    }
}

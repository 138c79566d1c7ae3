package cn.daiban.command.web;

import cn.daiban.kernel.station.ApproveStationChangeCommand;
import cn.daiban.kernel.station.ApproveStationClosureCommand;
import cn.daiban.kernel.station.ApproveStationOpeningCommand;
import cn.daiban.kernel.station.RefuseStationChangeCommand;
import cn.daiban.kernel.station.RefuseStationClosureCommand;
import cn.daiban.kernel.station.RefuseStationOpeningCommand;
import cn.daiban.kernel.station.RequestStationChangeCommand;
import cn.daiban.kernel.station.RequestStationClosureCommand;
import cn.daiban.kernel.station.RequestStationOpeningCommand;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Station applications (`004 §5.4.1`, appendices A–C). Decisions are taken by the supervising level: the
 * signed-in manager's station is recorded as the approver, and the aggregate checks it is the station's parent;
 * an administrator decides on behalf of the parent (for a county centre, as the county administration).
 */
@RestController
@RequestMapping("/api/stations")
@Tag(name = "Stations", description = "便民服务站: apply to open, change, close; decisions by the supervising level")
class StationCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;
    private final ActorResolver actors;
    private final CommandPolicy policy;

    StationCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests, ActorResolver actors,
                             CommandPolicy policy) {
        this.policy = policy;
        this.dispatcher = dispatcher;
        this.requests = requests;
        this.actors = actors;
    }

    @PostMapping
    @Operation(summary = "Apply to open a station (设立申请)")
    ResponseEntity<CommandAcknowledgement> requestOpening(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.STATION_OPENING))) @RequestBody RequestStationOpeningCommand body) {
        return Responses.created("/api/stations/" + body.stationCode(),
                dispatcher.send(requests.of(body), body.stationCode().value(), () -> body));
    }

    record DecisionRequest(String remark, String reason) {
    }

    @PostMapping("/{code}/opening/approval")
    @Operation(summary = "Approve the opening (supervising level)")
    ResponseEntity<CommandAcknowledgement> approveOpening(@PathVariable String code,
                                                          @RequestBody(required = false) DecisionRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new ApproveStationOpeningCommand(station, approver(station), body == null ? null : body.remark())));
    }

    @PostMapping("/{code}/opening/refusal")
    @Operation(summary = "Refuse the opening, with the reason (supervising level)")
    ResponseEntity<CommandAcknowledgement> refuseOpening(@PathVariable String code,
                                                         @RequestBody(required = false) DecisionRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new RefuseStationOpeningCommand(station, approver(station), body == null ? null : body.reason())));
    }

    /** {@code address}: the station's new address when it moves (`004 附录B`). */
    record ChangeRequest(StationManager manager, List<StationWindow> windows, Set<String> serviceItemCodes,
                         String reason, String address) {
    }

    @PostMapping("/{code}/changes")
    @Operation(summary = "Apply to change the manager, functions or address (变更申请)")
    ResponseEntity<CommandAcknowledgement> requestChange(@PathVariable String code, @RequestBody ChangeRequest body) {
        StationCode station = StationCode.of(code);
        String changeId = UUID.randomUUID().toString();
        return Responses.created("/api/stations/" + code + "/changes/" + changeId,
                dispatcher.send(requests.of(body), code, changeId, () -> new RequestStationChangeCommand(station,
                        changeId, body.manager(), body.windows(), body.serviceItemCodes(), body.reason(),
                        body.address())));
    }

    @PostMapping("/{code}/changes/{changeId}/approval")
    @Operation(summary = "Approve a pending change (supervising level)")
    ResponseEntity<CommandAcknowledgement> approveChange(@PathVariable String code, @PathVariable String changeId) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(null), code,
                () -> new ApproveStationChangeCommand(station, changeId, approver(station))));
    }

    @PostMapping("/{code}/changes/{changeId}/refusal")
    @Operation(summary = "Refuse a pending change, with the reason (supervising level)")
    ResponseEntity<CommandAcknowledgement> refuseChange(@PathVariable String code, @PathVariable String changeId,
                                                        @RequestBody DecisionRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new RefuseStationChangeCommand(station, changeId, approver(station), body.reason())));
    }

    @PostMapping("/{code}/closure")
    @Operation(summary = "Apply to close the station (撤销申请)")
    ResponseEntity<CommandAcknowledgement> requestClosure(@PathVariable String code,
                                                          @RequestBody DecisionRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new RequestStationClosureCommand(station, body.reason())));
    }

    @PostMapping("/{code}/closure/approval")
    @Operation(summary = "Approve the closure (supervising level)")
    ResponseEntity<CommandAcknowledgement> approveClosure(@PathVariable String code) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(null), code,
                () -> new ApproveStationClosureCommand(station, approver(station))));
    }

    @PostMapping("/{code}/closure/refusal")
    @Operation(summary = "Refuse the closure, with the reason (supervising level)")
    ResponseEntity<CommandAcknowledgement> refuseClosure(@PathVariable String code,
                                                         @RequestBody DecisionRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new RefuseStationClosureCommand(station, approver(station), body.reason())));
    }

    /**
     * The statistics are computed by the system (the query side freezes them when it follows the submission); the
     * station adds {@code remarks} and {@code corrections} ({@code figure}, {@code value}, {@code reason}), kept
     * beside them. {@code figures} typed in by an old client are still accepted and kept apart.
     */
    record StatisticsRequest(String period, java.util.Map<String, Double> figures, String correctionReason,
                             String remarks, java.util.List<cn.daiban.kernel.station.FigureCorrection> corrections) {
    }

    @PostMapping("/{code}/statistics")
    @Operation(summary = "Submit the station's statistics for a period to the level above (数据统计上报)")
    ResponseEntity<CommandAcknowledgement> submitStatistics(@PathVariable String code,
                                                            @RequestBody StatisticsRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new cn.daiban.kernel.station.SubmitStationStatisticsCommand(station, body.period(),
                        body.figures(), body.correctionReason(), body.remarks(), body.corrections())));
    }

    /**
     * The deciding station: the signed-in manager's; an administrator decides on behalf of the supervising level,
     * which is then recorded (none for a county centre, decided by the administration itself).
     */
    private StationCode approver(StationCode station) {
        Actor actor = actors.currentActor();
        if (actor.user().isAdministrator()) {
            return policy.parentOf(station).orElse(null);
        }
        return actor.stationCode();
    }
}

package cn.daiban.command.web;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentPost;
import cn.daiban.kernel.agent.ChangeAgentPostCommand;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.ChangeAgentRoleCommand;
import cn.daiban.kernel.agent.DeactivateAgentCommand;
import cn.daiban.kernel.agent.ReactivateAgentCommand;
import cn.daiban.kernel.agent.RecordAgentAssessmentCommand;
import cn.daiban.kernel.agent.RecordAgentTrainingCommand;
import cn.daiban.kernel.agent.RegisterAgentCommand;
import cn.daiban.kernel.agent.TransferAgentCommand;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.function.Function;

/** Agents (代办员 / 帮办员): registration, trainings, the on-the-job assessment, role, transfer, (de)activation. */
@RestController
@RequestMapping("/api/agents")
@Tag(name = "Agents", description = "代办员 / 帮办员 and their qualification")
class AgentCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    AgentCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record RegistrationRequest(StationCode stationCode, String name, PhoneNumber phone, AgentBackground background,
                               AgentRole role, LocalDate intakeExperienceSince,
                               // optional (003 三(三)): ZONE / SUB_ZONE / WINDOW with the window's code, or STATION
                               // (the default); full-time (专职), default false
                               AgentPost post, String windowCode, Boolean fullTime) {
    }

    @PostMapping
    @Operation(summary = "Register an agent at a station")
    ResponseEntity<CommandAcknowledgement> register(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.AGENT))) @RequestBody RegistrationRequest body) {
        AgentId id = AgentId.create();
        return Responses.created("/api/agents/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new RegisterAgentCommand(id, body.stationCode(), body.name(), body.phone(), body.background(),
                        body.role(), body.intakeExperienceSince(), body.post(), body.windowCode(), body.fullTime())));
    }

    record TrainingRequest(LocalDate date, String topic, int hours) {
    }

    @PostMapping("/{id}/trainings")
    @Operation(summary = "Record a training attended")
    ResponseEntity<CommandAcknowledgement> training(@PathVariable String id, @RequestBody TrainingRequest body) {
        return step(id, body, agent -> new RecordAgentTrainingCommand(agent, body.date(), body.topic(), body.hours()));
    }

    record AssessmentRequest(LocalDate date, boolean passed, String examiner, String note) {
    }

    @PostMapping("/{id}/assessments")
    @Operation(summary = "Record the on-the-job assessment (上岗考核); passing with one year of experience qualifies")
    ResponseEntity<CommandAcknowledgement> assessment(@PathVariable String id, @RequestBody AssessmentRequest body) {
        return step(id, body, agent -> new RecordAgentAssessmentCommand(agent, body.date(), body.passed(),
                body.examiner(), body.note()));
    }

    record RoleRequest(AgentRole role, String reason) {
    }

    @PostMapping("/{id}/role")
    @Operation(summary = "Change the agent's role (agent, team leader 队长)")
    ResponseEntity<CommandAcknowledgement> role(@PathVariable String id, @RequestBody RoleRequest body) {
        return step(id, body, agent -> new ChangeAgentRoleCommand(agent, body.role(), body.reason()));
    }

    record PostRequest(AgentPost post, String windowCode, boolean fullTime, String reason) {
    }

    @PostMapping("/{id}/post")
    @Operation(summary = "Post the agent at a zone, sub-zone or window of their station, or at the station, and record "
            + "whether full-time (专职, 003 三(三))")
    ResponseEntity<CommandAcknowledgement> post(@PathVariable String id, @RequestBody PostRequest body) {
        return step(id, body, agent -> new ChangeAgentPostCommand(agent, body.post(), body.windowCode(),
                body.fullTime(), body.reason()));
    }

    record TransferRequest(StationCode toStationCode, String reason) {
    }

    @PostMapping("/{id}/transfer")
    @Operation(summary = "Move the agent to another open station")
    ResponseEntity<CommandAcknowledgement> transfer(@PathVariable String id, @RequestBody TransferRequest body) {
        return step(id, body, agent -> new TransferAgentCommand(agent, body.toStationCode(), body.reason()));
    }

    record ReasonRequest(String reason) {
    }

    @PostMapping("/{id}/deactivation")
    @Operation(summary = "Deactivate the agent; the history stays")
    ResponseEntity<CommandAcknowledgement> deactivate(@PathVariable String id, @RequestBody ReasonRequest body) {
        return step(id, body, agent -> new DeactivateAgentCommand(agent, body.reason()));
    }

    @PostMapping("/{id}/reactivation")
    @Operation(summary = "Reactivate a deactivated agent")
    ResponseEntity<CommandAcknowledgement> reactivate(@PathVariable String id, @RequestBody ReasonRequest body) {
        return step(id, body, agent -> new ReactivateAgentCommand(agent, body.reason()));
    }

    private ResponseEntity<CommandAcknowledgement> step(String id, Object body, Function<AgentId, Object> command) {
        AgentId agentId = AgentId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id, () -> command.apply(agentId)));
    }
}

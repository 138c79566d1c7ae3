package cn.daiban.query.web;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentResponse;
import cn.daiban.kernel.agent.FetchAgentQuery;
import cn.daiban.kernel.agent.FetchStationAgentsQuery;
import cn.daiban.kernel.agent.StationAgentsResponse;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@Tag(name = "Agents", description = "代办员 / 帮办员 per station: qualification, trainings, workload")
class AgentQueryController {

    private final QueryGateway queries;
    private final ServiceClock clock;

    AgentQueryController(QueryGateway queries, ServiceClock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/stations/{code}/agents")
    @Operation(summary = "Agents of a station with qualification, trainings in the year (default: this year) and workload")
    StationAgentsResponse stationAgents(@PathVariable String code,
                                        @RequestParam(defaultValue = "false") boolean includeInactive,
                                        @RequestParam(required = false) Integer year) {
        return queries.query(new FetchStationAgentsQuery(StationCode.of(code), includeInactive, year(year)),
                ResponseTypes.instanceOf(StationAgentsResponse.class)).join();
    }

    @GetMapping("/api/agents/{id}")
    @Operation(summary = "One agent with every training and assessment")
    AgentResponse agent(@PathVariable String id, @RequestParam(required = false) Integer year) {
        return queries.query(new FetchAgentQuery(AgentId.of(id), year(year)),
                        ResponseTypes.optionalInstanceOf(AgentResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("agent " + id));
    }

    private int year(Integer year) {
        return year != null ? year : clock.today().getYear();
    }
}

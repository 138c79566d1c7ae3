package cn.daiban.kernel.agent;

import java.util.List;

public record StationAgentsResponse(String stationCode, int year, List<AgentResponse> agents) {
}

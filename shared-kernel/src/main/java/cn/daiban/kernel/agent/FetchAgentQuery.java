package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;

public record FetchAgentQuery(AgentId agentId, int year) {

    public FetchAgentQuery {
        Require.present(agentId, "agentId");
        Require.serviceYear(year, "year");
    }
}

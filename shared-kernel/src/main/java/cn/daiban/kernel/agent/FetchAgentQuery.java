package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;

public record FetchAgentQuery(AgentId agentId, int year) {

    public FetchAgentQuery {
        Require.present(agentId, "agentId");
        Require.between(year, 2000, 2100, "year");
    }
}

package cn.daiban.kernel.agent;

/** An agent's role at their station. */
public enum AgentRole {
    /** 代办员 / 帮办员. */
    AGENT,
    /** 队长 / 专区负责人: signs off acceptance forms. */
    ZONE_LEAD
}

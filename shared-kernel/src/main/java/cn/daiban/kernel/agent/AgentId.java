package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies an agent (代办员 / 帮办员). */
public record AgentId(@JsonValue String value) {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public AgentId {
        Require.matching(value, UUID_FORMAT, "agentId", "must be a lower-case UUID");
    }

    @JsonCreator
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    public static AgentId create() {
        return new AgentId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

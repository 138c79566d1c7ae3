package cn.daiban.kernel.agent;

/**
 * A command on an agent already registered; who may send it is decided by the agent's current station. Not for
 * registering one: that names its station ({@code StationScoped}).
 *
 * <p>Implemented by command records whose component {@code agentId} already has this name and type, so implementing
 * it adds no property to their JSON (Jackson serializes a record by its components; this is not a getter).
 */
public interface AgentTargeted {

    AgentId agentId();
}

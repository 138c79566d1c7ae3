package cn.daiban.query.infrastructure;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How this node claims the processors' segments in {@code query_side.token_entry}: the owner it writes there, and how
 * long a claim holds without being extended (after that another node may take the segment). Set once here, for the
 * token store and for whoever must tell this node's claims from another's (a rebuild, which must not run while
 * another node processes its group).
 *
 * @param nodeId  Axon's own default, {@code pid@host} (the JVM's name), unique per process on a machine
 * @param timeout Axon's default too, ten seconds
 */
public record TokenClaims(String nodeId, Duration timeout) {

    public TokenClaims {
        if (nodeId == null || nodeId.isBlank() || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a node id and a positive claim timeout are required");
        }
    }

    public static TokenClaims ofThisProcess() {
        return new TokenClaims(ManagementFactory.getRuntimeMXBean().getName(), Duration.ofSeconds(10));
    }
}

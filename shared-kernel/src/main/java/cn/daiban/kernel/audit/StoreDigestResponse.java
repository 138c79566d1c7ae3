package cn.daiban.kernel.audit;

import java.time.Instant;

/**
 * A digest of the store up to {@code upToGlobalIndex}: SHA-256 over every stream's head (aggregate id, last
 * sequence number, recomputed hash). A supervision unit keeps {@code upToGlobalIndex} and {@code digest}.
 */
public record StoreDigestResponse(long upToGlobalIndex, Instant takenAt, long streams, long events, String digest) {
}

package cn.daiban.kernel.audit;

/** Whether the store still matches a kept digest, the digest recomputed now, and where the chain breaks if it does. */
public record StoreDigestCheckResponse(boolean matches, String recomputedDigest, ChainVerificationResponse chain) {
}

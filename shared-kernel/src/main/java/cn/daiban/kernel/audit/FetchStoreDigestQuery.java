package cn.daiban.kernel.audit;

/** Take a digest of the whole store now: one value over every stream's head, to keep outside the system. */
public record FetchStoreDigestQuery() {
}

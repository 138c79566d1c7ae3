package cn.daiban.kernel.audit;

/**
 * The outcome of walking the chain: intact, or the first event where it breaks (in aggregate, then sequence
 * order).
 */
public record ChainVerificationResponse(boolean intact, long streams, long events, Break firstBreak) {

    public enum Problem {
        /** The stored row no longer hashes to the hash it was stored with: it was changed. */
        ALTERED,
        /** The row does not point at the hash of the event before it in its stream. */
        BROKEN_LINK,
        /** The row carries no hash at all. */
        UNCHAINED,
        /** Sequence numbers jump: the events between were removed. */
        MISSING_EVENTS,
        /** The indexed who / where / which-request columns disagree with the (hashed) metadata. */
        COLUMNS_DISAGREE_WITH_METADATA
    }

    public record Break(Problem problem, String aggregateId, long sequenceNumber, long globalIndex,
                        String eventIdentifier, String detail) {
    }
}

package cn.daiban.kernel.audit;

import cn.daiban.kernel.common.Require;

/** Walk one stream ({@code aggregateId}) or every stream (null) and check each event's hash and link. */
public record VerifyEventChainQuery(String aggregateId) {

    public VerifyEventChainQuery {
        aggregateId = Require.optionalText(aggregateId, "aggregateId", 255);
    }
}

package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.DelegationId;

public record FetchDelegationDetailQuery(DelegationId delegationId) {

    public FetchDelegationDetailQuery {
        Require.present(delegationId, "delegationId");
    }
}

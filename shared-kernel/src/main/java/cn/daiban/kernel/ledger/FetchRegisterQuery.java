package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.Require;

/** The assist or proxy register (帮办登记表 / 代办登记表, `002 表A.1`): the ledger's filter with a kind. */
public record FetchRegisterQuery(LedgerFilter filter, int page, int size) {

    public FetchRegisterQuery {
        Require.present(filter, "filter");
        Require.present(filter.kind(), "kind");
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

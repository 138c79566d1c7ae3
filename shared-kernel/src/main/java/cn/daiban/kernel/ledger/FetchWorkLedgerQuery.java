package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.Require;

/** The work ledger (工作台账, `004 附录D`), refused intakes included, paged. */
public record FetchWorkLedgerQuery(LedgerFilter filter, int page, int size) {

    public FetchWorkLedgerQuery {
        Require.present(filter, "filter");
        Require.between(page, 0, 100_000, "page");
        Require.between(size, 1, 200, "size");
    }
}

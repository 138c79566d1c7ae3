package cn.daiban.kernel.ledger;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationStatus;

import java.time.LocalDate;

/**
 * The filters the ledger, the registers and their exports share: a station (and, with {@code rollUp}, every
 * station below it), window, intake date range (inclusive), status, item, agent, kind, client category (002
 * 服务对象); newest first unless
 * {@code oldestFirst}.
 */
public record LedgerFilter(String stationCode, boolean rollUp, String window, LocalDate from, LocalDate to,
                           DelegationStatus status, String itemCode, String agentId, DelegationKind kind,
                           boolean oldestFirst,
                           // Added later, at the end and optional: the client category (002 服务对象) a row carries.
                           String clientCategory) {

    /** Without a client category, as every filter was before categories existed. */
    public LedgerFilter(String stationCode, boolean rollUp, String window, LocalDate from, LocalDate to,
                        DelegationStatus status, String itemCode, String agentId, DelegationKind kind,
                        boolean oldestFirst) {
        this(stationCode, rollUp, window, from, to, status, itemCode, agentId, kind, oldestFirst, null);
    }

    public LedgerFilter {
        clientCategory = Require.optionalText(clientCategory, "category", 32);
        stationCode = Require.optionalText(stationCode, "station", 20);
        window = Require.optionalText(window, "window", 32);
        itemCode = Require.optionalText(itemCode, "item", 32);
        agentId = Require.optionalText(agentId, "agent", 36);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidValueException("from", "must not be after to");
        }
        if (rollUp && stationCode == null) {
            throw new InvalidValueException("rollUp", "needs a station to roll up from");
        }
    }
}

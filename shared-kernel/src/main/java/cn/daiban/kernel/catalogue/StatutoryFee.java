package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

/** A fee the law requires (the service itself is free): amount in fen, legal basis and payee. */
public record StatutoryFee(String name, long amountFen, String legalBasis, String payee) {

    public StatutoryFee {
        name = Require.text(name, "fees.name", 100);
        if (amountFen <= 0) {
            throw new InvalidValueException("fees.amountFen", "must be positive");
        }
        legalBasis = Require.text(legalBasis, "fees.legalBasis", 300);
        payee = Require.text(payee, "fees.payee", 100);
    }
}

package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * A non-essential material accepted as missing at intake (容缺受理, `000 §7.2.1 d`), with the date the client
 * commits to hand it in.
 */
public record ToleratedGap(String materialName, LocalDate committedDate) {

    public ToleratedGap {
        materialName = Require.text(materialName, "toleratedGaps.materialName", 100);
        Require.present(committedDate, "toleratedGaps.committedDate");
    }
}

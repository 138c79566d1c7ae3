package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalDate;

/**
 * One line of the pre-check checklist (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`): a material of the service item's
 * list and how it stands. A TOLERATED one (容缺, `000 §7.2.1 d`) carries the date the client commits to hand it in;
 * no other status carries a date.
 */
public record MaterialCheck(String materialName, MaterialCheckStatus status, LocalDate committedDate) {

    public MaterialCheck {
        materialName = Require.text(materialName, "materials.materialName", 100);
        Require.present(status, "materials.status");
        if (status == MaterialCheckStatus.TOLERATED && committedDate == null) {
            throw new InvalidValueException("materials.committedDate",
                    "a tolerated material (容缺) needs the date the client commits to hand it in");
        }
        if (status != MaterialCheckStatus.TOLERATED && committedDate != null) {
            throw new InvalidValueException("materials.committedDate", "only a tolerated material has a committed date");
        }
    }
}

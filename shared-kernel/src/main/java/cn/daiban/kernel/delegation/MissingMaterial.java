package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;

/** A material the client still has to supply, with how to obtain it (一次性告知, `000 §6.3.3`). */
public record MissingMaterial(String name, String howToObtain) {

    public MissingMaterial {
        name = Require.text(name, "materials.name", 100);
        howToObtain = Require.text(howToObtain, "materials.howToObtain", 500);
    }
}

package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;

/** A material a service item needs, with how to obtain it; non-essential ones may be tolerated missing (容缺). */
public record RequiredMaterial(String name, String howToObtain, boolean essential) {

    public RequiredMaterial {
        name = Require.text(name, "materials.name", 100);
        howToObtain = Require.text(howToObtain, "materials.howToObtain", 500);
    }
}

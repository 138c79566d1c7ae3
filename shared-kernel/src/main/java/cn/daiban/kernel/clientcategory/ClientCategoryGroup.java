package cn.daiban.kernel.clientcategory;

/**
 * The types of client the seed names (`002 服务对象`): a fixed list; the categories under them (the tags a client
 * carries) are reference data an administrator extends.
 */
public enum ClientCategoryGroup {
    /** 省市重点企业和重大项目等重点支持群体. */
    KEY_SUPPORT("重点支持群体"),
    /** 持有“圣地英才卡”和“三秦英才卡”等需要优待的高端技术人才群体. */
    PREFERENTIAL_TALENT("优待高端人才"),
    /** 残疾人、老人、孕妇等需要特殊照顾的群体. */
    SPECIAL_CARE("特殊照顾群体"),
    /** 军人等享受绿色通道群体. */
    GREEN_CHANNEL("绿色通道群体"),
    /** 各类巡查检查、突发的问题. */
    INSPECTION("巡查检查、突发问题"),
    /** 投诉的特事特办群体. */
    SPECIAL_CASE("特事特办"),
    /** 其他服务对象. */
    OTHER("其他");

    private final String label;

    ClientCategoryGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

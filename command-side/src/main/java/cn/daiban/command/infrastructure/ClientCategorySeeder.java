package cn.daiban.command.infrastructure;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.clientcategory.ClientCategoryGroup;
import cn.daiban.kernel.clientcategory.DefineClientCategoryCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Defines the client categories the seed names (`002 服务对象`) when they are not in the list yet, marked as sample
 * data in their events; administrators add more (POST /api/client-categories).
 */
@Component
@Order(3)
class ClientCategorySeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClientCategorySeeder.class);

    /** The seed's list, one category per group it names (残疾人、老人、孕妇 one each). */
    static final List<DefineClientCategoryCommand> STARTER = List.of(
            category("KEY_ENTERPRISE_PROJECT", "省市重点企业和重大项目", ClientCategoryGroup.KEY_SUPPORT),
            category("TALENT_CARD", "高端人才（圣地英才卡、三秦英才卡）", ClientCategoryGroup.PREFERENTIAL_TALENT),
            category("DISABLED", "残疾人", ClientCategoryGroup.SPECIAL_CARE),
            category("ELDERLY", "老人", ClientCategoryGroup.SPECIAL_CARE),
            category("PREGNANT", "孕妇", ClientCategoryGroup.SPECIAL_CARE),
            category("MILITARY", "军人", ClientCategoryGroup.GREEN_CHANNEL),
            category("INSPECTION_ISSUE", "巡查检查、突发问题", ClientCategoryGroup.INSPECTION),
            category("COMPLAINT_SPECIAL_CASE", "投诉的特事特办", ClientCategoryGroup.SPECIAL_CASE));

    private final SeedProperties seed;
    private final JdbcClientCategories categories;
    private final SystemCommands commands;

    ClientCategorySeeder(SeedProperties seed, JdbcClientCategories categories, SystemCommands commands) {
        this.seed = seed;
        this.categories = categories;
        this.commands = commands;
    }

    private static DefineClientCategoryCommand category(String code, String label, ClientCategoryGroup group) {
        return new DefineClientCategoryCommand(ClientCategoryCode.of(code), label, group, true);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!seed.clientCategories()) {
            return;
        }
        int defined = 0;
        for (DefineClientCategoryCommand category : STARTER) {
            if (categories.contains(category.code())) {
                continue;
            }
            if (commands.createOnce(category)) {
                defined++;
            } else {
                commands.ensureLookUp(category.code().value(), JdbcClientCategories.PROCESSING_GROUP,
                        () -> categories.contains(category.code()));
            }
        }
        if (defined > 0) {
            log.info("defined {} client categories of 002 服务对象 (sample data)", defined);
        }
    }
}

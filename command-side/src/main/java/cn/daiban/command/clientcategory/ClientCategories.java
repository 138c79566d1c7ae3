package cn.daiban.command.clientcategory;

import cn.daiban.kernel.clientcategory.ClientCategoryCode;

import java.util.Set;

/** What a command handler may ask about the client-category list (`002 服务对象`). */
public interface ClientCategories {

    /** The codes of {@code codes} that are not in the list (empty when all are). */
    Set<ClientCategoryCode> unknown(Set<ClientCategoryCode> codes);
}

package cn.daiban.command.infrastructure;

import cn.daiban.command.clientcategory.ClientCategories;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.clientcategory.ClientCategoryDefinedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The client-category list, kept in the defining command's own transaction (a subscribing group). */
@Component
@ProcessingGroup(JdbcClientCategories.PROCESSING_GROUP)
class JdbcClientCategories implements ClientCategories {

    static final String PROCESSING_GROUP = "client-category-registry";

    private final JdbcClient jdbc;

    JdbcClientCategories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<ClientCategoryCode> unknown(Set<ClientCategoryCode> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        List<String> known = jdbc.sql("select code from client_category_registry where code = any(?)")
                .param(codes.stream().map(ClientCategoryCode::value).toArray(String[]::new))
                .query(String.class).list();
        Set<ClientCategoryCode> unknown = new HashSet<>(codes);
        unknown.removeIf(code -> known.contains(code.value()));
        return unknown;
    }

    boolean contains(ClientCategoryCode code) {
        return unknown(Set.of(code)).isEmpty();
    }

    @EventHandler
    void on(ClientCategoryDefinedEvent event) {
        jdbc.sql("""
                        insert into client_category_registry (code, label, group_name) values (?, ?, ?)
                        on conflict (code) do nothing""")
                .params(event.code().value(), event.label(), event.group().name())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from client_category_registry").update();
    }
}

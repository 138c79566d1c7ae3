package cn.daiban.query.catalogue;

import cn.daiban.kernel.clientcategory.ClientCategoriesResponse;
import cn.daiban.kernel.clientcategory.ClientCategoryDefinedEvent;
import cn.daiban.kernel.clientcategory.ClientCategoryGroup;
import cn.daiban.kernel.clientcategory.FetchClientCategoriesQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client-category list (`002 服务对象`), reference data like the catalogue and in its processing group (so a
 * rebuild of {@code catalogue} rebuilds it too). Written with idempotent upserts.
 */
@Component
@ProcessingGroup("catalogue")
class ClientCategoryProjection {

    private final JdbcTemplate jdbc;

    ClientCategoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientCategoryDefinedEvent e) {
        jdbc.update("""
                        insert into client_category_view (code, label, group_name, sample) values (?, ?, ?, ?)
                        on conflict (code) do update set label = excluded.label, group_name = excluded.group_name,
                            sample = excluded.sample""",
                e.code().value(), e.label(), e.group().name(), e.sample());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ClientCategoriesResponse handle(FetchClientCategoriesQuery query) {
        return new ClientCategoriesResponse(jdbc.query("select * from client_category_view order by code",
                (rs, n) -> {
                    ClientCategoryGroup group = ClientCategoryGroup.valueOf(rs.getString("group_name"));
                    return new ClientCategoriesResponse.Category(rs.getString("code"), rs.getString("label"),
                            group.name(), group.label(), rs.getBoolean("sample"));
                }));
    }
}

package cn.daiban.query.replay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The application's one {@code JdbcTemplate} is a {@link ReplayWriteBatching}: the projections write through it
 * as before (it holds nothing back outside a replay), and a rebuild or a point-in-time view can have their writes
 * sent together. Spring Boot's own template backs off when this one exists.
 */
@Configuration(proxyBeanMethods = false)
class ReplayWriteBatchingConfiguration {

    @Bean
    ReplayWriteBatching jdbcTemplate(DataSource dataSource) {
        return new ReplayWriteBatching(dataSource);
    }
}

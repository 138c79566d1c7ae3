package cn.daiban.query.web;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The public face's ETag (a hash of the answer; a matching {@code If-None-Match} is a 304 without a body) and its
 * own OpenAPI document ({@code /v3/api-docs/public}); the whole API stays at {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class PublicWebConfiguration {

    static final String PATHS = "/api/public/**";

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> publicEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/public/*");
        registration.setName("publicEtags");
        return registration;
    }

    @Bean
    GroupedOpenApi publicApi() {
        return GroupedOpenApi.builder().group("public").pathsToMatch(PATHS).build();
    }

    @Bean
    GroupedOpenApi wholeApi() {
        return GroupedOpenApi.builder().group("all").pathsToMatch("/**").build();
    }
}

package cn.daiban.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every read passes {@link ReadAccess} first. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ReadAccess readAccess;

    WebConfiguration(ReadAccess readAccess) {
        this.readAccess = readAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readAccess).addPathPatterns("/api/**");
    }
}

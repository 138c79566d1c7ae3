package cn.daiban.security.boundary;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The HTTP boundary both applications share: what text and how much of it they take (body, query parameters,
 * path variables, stored headers), and that every error answer — Tomcat's, Spring's, the application's — is
 * problem+json.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class BoundaryConfiguration {

    /** The request text filter runs just before Spring Security's filter chain. */
    public static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 10;

    @Bean
    FilterRegistrationBean<RequestTextFilter> daibanRequestTextFilter() {
        FilterRegistrationBean<RequestTextFilter> registration = new FilterRegistrationBean<>(new RequestTextFilter());
        registration.setOrder(ORDER);
        return registration;
    }

    /**
     * Spring Security's firewall, as strict as its default except that a header value may be UTF-8 text: curl sends
     * a Chinese value (the reason a step is recorded late, {@code X-Backdating-Reason}) as its UTF-8 bytes, which the
     * container reads as ISO-8859-1 and the default firewall refuses. A value is taken when it is, read back as
     * UTF-8, assigned text without control characters; what the application stores is checked again where it is
     * read.
     */
    @Bean
    org.springframework.security.web.firewall.HttpFirewall daibanHttpFirewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall =
                new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> text(value) || utf8Text(value));
        return firewall;
    }

    /**
     * Assigned text without control characters: what {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} matches (the
     * same two character types, code point by code point), without a regular expression. The firewall asks it of
     * every header value each time the application reads one, the bearer token's hundreds of characters included:
     * as a regular expression it cost about 1.5 % of the command side's CPU per commissioning.
     */
    static boolean text(CharSequence value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = Character.codePointAt(value, i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static boolean utf8Text(String value) {
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return false;
            }
            bytes[i] = (byte) c;
        }
        try {
            return text(java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)));
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Bean
    JsonBodyInspection daibanJsonBodyInspection() {
        return new JsonBodyInspection();
    }

    /** Bodies read as JSON only, each value as its own type ({@link StrictJsonReading}). */
    @Bean
    WebMvcConfigurer daibanStrictJsonReading() {
        return new StrictJsonReading();
    }

    @Bean
    BoundaryProblems daibanBoundaryProblems() {
        return new BoundaryProblems();
    }

    @Bean
    ProblemErrorController daibanProblemErrorController() {
        return new ProblemErrorController();
    }

    /** Spring MVC's request mapping, comparing paths before the other conditions ({@link PathFirstHandlerMapping}). */
    @Bean
    WebMvcRegistrations daibanPathFirstHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstHandlerMapping();
            }
        };
    }

    @Bean
    WebMvcConfigurer daibanPathVariableCheck() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new PathVariableCheck()).order(Ordered.HIGHEST_PRECEDENCE);
                registry.addInterceptor(new AcceptBeforeCommand());
            }
        };
    }

    /** Replaces Tomcat's HTML error report with {@link ProblemErrorReportValve}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorReport {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> daibanProblemErrorReport() {
            return new ProblemErrorReportCustomizer();
        }
    }

    static class ProblemErrorReportCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            });
        }

        /** After Spring Boot's own customizer, which adds Tomcat's plain error report valve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

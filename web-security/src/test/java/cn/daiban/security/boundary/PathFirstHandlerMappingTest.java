package cn.daiban.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PathFirstHandlerMappingTest {

    @RestController
    static class Matters {
        @PostMapping(path = "/api/matters", consumes = MediaType.APPLICATION_JSON_VALUE)
        void commission(@RequestBody Map<String, Object> body) {
        }

        @GetMapping(path = "/api/matters/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
        void one(@PathVariable String id) {
        }

        @PostMapping(path = "/api/matters/{id}/progress", consumes = MediaType.APPLICATION_JSON_VALUE)
        void progress(@PathVariable String id, @RequestBody Map<String, Object> body) {
        }

        @PostMapping(path = "/api/matters/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
        void completion(@PathVariable String id, @RequestBody Map<String, Object> body) {
        }

        @PostMapping(path = "/api/matters/{id}/documents/{name}", consumes = MediaType.APPLICATION_PDF_VALUE)
        void document(@PathVariable String id, @PathVariable String name) {
        }

        @PutMapping("/api/matters/{id}/remark")
        void remark(@PathVariable String id) {
        }

        @PostMapping(path = "/api/matters/{id}/{step}", params = "late")
        void late(@PathVariable String id, @PathVariable String step) {
        }

        @GetMapping("/api/stations/{code}/**")
        void station(@PathVariable String code) {
        }
    }

    /** A request that counts how often its method and its headers are read. */
    static class CountingRequest extends MockHttpServletRequest {
        final AtomicInteger reads = new AtomicInteger();

        CountingRequest(String method, String uri) {
            super(method, uri);
        }

        @Override
        public String getMethod() {
            reads.incrementAndGet();
            return super.getMethod();
        }

        @Override
        public String getHeader(String name) {
            reads.incrementAndGet();
            return super.getHeader(name);
        }
    }

    private static <M extends RequestMappingHandlerMapping> M mapping(M mapping) {
        GenericWebApplicationContext context = new GenericWebApplicationContext(new MockServletContext());
        context.registerBean(Matters.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static String outcome(RequestMappingHandlerMapping mapping, HttpServletRequest request) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "no handler";
            }
            if (!(chain.getHandler() instanceof HandlerMethod method)) {
                return "pre-flight " + chain.getHandler().getClass().getSimpleName();
            }
            return method.getMethod().getName() + " "
                    + request.getAttribute(RequestMappingHandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<MockHttpServletRequest> requests() {
        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            for (String uri : List.of("/api/matters", "/api/matters/D-1", "/api/matters/D-1/progress",
                    "/api/matters/D-1/completion", "/api/matters/D-1/documents/form.pdf", "/api/matters/D-1/remark",
                    "/api/matters/D-1/unknown", "/api/stations/S-1/a/b", "/api/nothing", "/")) {
                for (String contentType : new String[] {null, "application/json", "application/pdf", "text/plain"}) {
                    for (String accept : new String[] {null, "application/json", "text/csv"}) {
                        for (boolean late : new boolean[] {false, true}) {
                            MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
                            if (contentType != null) {
                                request.setContentType(contentType);
                            }
                            if (accept != null) {
                                request.addHeader("Accept", accept);
                            }
                            if (late) {
                                request.setParameter("late", "true");
                            }
                            requests.add(request);
                        }
                    }
                }
            }
        }
        // CORS pre-flights
        for (String uri : List.of("/api/matters", "/api/matters/D-1/progress", "/api/nothing")) {
            MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", uri);
            preflight.addHeader("Origin", "https://elsewhere.example");
            preflight.addHeader("Access-Control-Request-Method", "POST");
            requests.add(preflight);
        }
        return requests;
    }

    @Test
    void choosesWhatSpringsOwnMappingChoosesAndRefusesWhatItRefuses() {
        RequestMappingHandlerMapping spring = mapping(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping pathFirst = mapping(new PathFirstHandlerMapping());
        List<MockHttpServletRequest> requests = requests();
        List<MockHttpServletRequest> again = requests();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String expected = outcome(spring, requests.get(i));
            outcomes.add(expected);
            assertThat(outcome(pathFirst, again.get(i)))
                    .as("%s %s", requests.get(i).getMethod(), requests.get(i).getRequestURI()).isEqualTo(expected);
        }
        // The requests reach every kind of answer, so the comparison covers them all.
        assertThat(outcomes).anyMatch(o -> o.startsWith("progress {id=D-1}"))
                .anyMatch(o -> o.startsWith("late ") && o.contains("step=progress"))
                .anyMatch(o -> o.startsWith("pre-flight"))
                .anyMatch(o -> o.startsWith("UnsatisfiedServletRequestParameterException"))
                .anyMatch(o -> o.startsWith("HttpRequestMethodNotSupportedException"))
                .anyMatch(o -> o.startsWith("HttpMediaTypeNotSupportedException"))
                .anyMatch(o -> o.startsWith("HttpMediaTypeNotAcceptableException"))
                .anyMatch(o -> o.startsWith("no handler"))
                .anyMatch(o -> o.startsWith("station {code=S-1}"));
    }

    @Test
    void readsTheRequestOnlyForMappingsWhosePathMatches() {
        CountingRequest throughSpring = new CountingRequest("POST", "/api/matters/D-1/completion");
        throughSpring.setContentType("application/json");
        CountingRequest pathFirst = new CountingRequest("POST", "/api/matters/D-1/completion");
        pathFirst.setContentType("application/json");

        assertThat(outcome(mapping(new RequestMappingHandlerMapping()), throughSpring)).startsWith("completion");
        assertThat(outcome(mapping(new PathFirstHandlerMapping()), pathFirst)).startsWith("completion");

        // Spring's own reads the method and the pre-flight headers of each of the eight mappings; path first, only
        // those of the two whose path matches (completion, and late by its variables), and the lookup's own.
        assertThat(throughSpring.reads.get()).isGreaterThan(2 * pathFirst.reads.get());
    }

    @Test
    void isTheMappingBothApplicationsGet() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
                        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                        JacksonAutoConfiguration.class, BoundaryConfiguration.class))
                .run(context -> assertThat(context.getBean("requestMappingHandlerMapping"))
                        .isInstanceOf(PathFirstHandlerMapping.class));
    }
}

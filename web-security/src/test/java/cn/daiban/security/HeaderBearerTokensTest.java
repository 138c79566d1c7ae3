package cn.daiban.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop reads every header as Spring's resolver does: the same token, or the same refusal in the same words. */
class HeaderBearerTokensTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudC0xIn0.c2lnbmF0dXJl",
            "bearer abc", "BEARER abc", "Bearer abc==", "Bearer a-b.c_d~e+f/g", "Bearer =", "Bearer a=b",
            "Bearer  abc", "Bearer abc ", "Bearer", "Bearer ", "Bearerabc", "Basic dXNlcjpwYXNz", "", "bear",
            "Bearer 令牌", "Bearer abc\u0000", "Bearer ab%c", "Bearer abc=\t"})
    void readsEachHeaderAsSpringDoes(String header) {
        for (String method : new String[] {"GET", "POST"}) {
            MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/delegations");
            request.addHeader("Authorization", header);
            assertSame(request);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT"})
    void answersAsSpringWhenTheRequestAlsoCarriesAParameterToken(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/delegations");
        request.addHeader("Authorization", "Bearer abc");
        request.addParameter("access_token", "def");
        request.setContentType("POST".equals(method) ? "application/x-www-form-urlencoded" : "application/json");
        assertSame(request);
        MockHttpServletRequest none = new MockHttpServletRequest(method, "/api/delegations");
        none.addParameter("access_token", "def");
        assertSame(none);
    }

    @org.junit.jupiter.api.Test
    void noHeaderIsNoToken() {
        assertSame(new MockHttpServletRequest("POST", "/api/delegations"));
    }

    private static void assertSame(MockHttpServletRequest request) {
        assertThat(outcome(() -> new HeaderBearerTokens().resolve(request)))
                .as("%s %s", request.getMethod(), request.getHeader("Authorization"))
                .isEqualTo(outcome(() -> new DefaultBearerTokenResolver().resolve(request)));
    }

    private static String outcome(Callable<String> resolve) {
        try {
            return "token " + resolve.call();
        } catch (Exception refused) {
            return refused.getClass().getName() + ": " + refused.getMessage();
        }
    }
}

package cn.daiban.query.web;

import cn.daiban.kernel.ledger.DelegationDetailResponse;
import cn.daiban.query.deadletter.DeadLetters;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;
import java.util.Map;

/**
 * A delegation whose events are parked in some processing group says so rather than looking complete:
 * {@code GET /api/delegations/{id}} carries {@code "incomplete": true} and the {@code parkedGroups} (false and
 * absent when nothing is parked). When even its first event is parked, the 404 says that it is parked, not unknown.
 * Assumption: a delegation's sequence in every group is the delegation id (Axon's default sequencing policy, per
 * aggregate), so its parked events are found by that id.
 */
@RestControllerAdvice
class IncompleteViews implements ResponseBodyAdvice<Object> {

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final String DELEGATION = "/api/delegations/{id}";

    private final DeadLetters deadLetters;

    IncompleteViews(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The detail as before, plus whether it is incomplete. */
    record DelegationDetailView(@JsonUnwrapped DelegationDetailResponse detail, boolean incomplete,
                                List<String> parkedGroups) {
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof DelegationDetailResponse detail) {
            List<String> parked = deadLetters.parkedGroups(detail.delegationId());
            return new DelegationDetailView(detail, !parked.isEmpty(), parked.isEmpty() ? null : parked);
        }
        if (body instanceof ProblemDetail problem && problem.getStatus() == 404) {
            String path = request.getURI().getRawPath();
            if (PATHS.match(DELEGATION, path)) {
                Map<String, String> variables = PATHS.extractUriTemplateVariables(DELEGATION, path);
                List<String> parked = deadLetters.parkedGroups(variables.get("id"));
                if (!parked.isEmpty()) {
                    problem.setDetail(problem.getDetail() + " in the views: its events are parked in " + parked);
                    problem.setProperty("incomplete", true);
                    problem.setProperty("parkedGroups", parked);
                }
            }
        }
        return body;
    }
}

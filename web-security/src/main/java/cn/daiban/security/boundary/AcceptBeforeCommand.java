package cn.daiban.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Collections;
import java.util.List;

/**
 * Refuses a request that acts (anything but GET, HEAD, OPTIONS) whose {@code Accept} allows no JSON answer (406),
 * before anything is read or done; both applications. Spring checks the answer's type only once the handler has
 * returned, after the command was done: a delegation was commissioned and the client told 406, and a retry
 * commissioned it twice (a public evaluation used up its one-time code). Reads are left to Spring: the exports
 * answer CSV or a workbook, the printable documents HTML.
 */
public final class AcceptBeforeCommand implements HandlerInterceptor {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON,
            new MediaType("application", "*+json"));

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)) {
            return true;
        }
        if (!answersJson(Collections.list(request.getHeaders("Accept")))) {
            throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "a command answers application/json (or "
                    + "application/problem+json); the Accept header allows neither, so nothing was done");
        }
        return true;
    }

    /** Whether the {@code Accept} headers (none: anything) allow a JSON answer; a type given {@code q=0} is refused. */
    static boolean answersJson(List<String> accept) {
        if (accept.isEmpty() || accept.stream().allMatch(String::isBlank)) {
            return true;
        }
        try {
            return accept.stream().filter(value -> !value.isBlank()).map(MediaType::parseMediaTypes)
                    .flatMap(List::stream)
                    .filter(type -> !"0".equals(type.getParameter("q")) && !"0.0".equals(type.getParameter("q")))
                    .anyMatch(type -> ANSWERS.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}

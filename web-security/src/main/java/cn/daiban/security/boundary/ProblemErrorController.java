package cn.daiban.security.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * Spring Boot's error page ({@code /error}) as problem+json instead of Boot's HTML or its own JSON: what the
 * servlet container forwards there (an error raised outside Spring MVC, such as a request Spring Security's
 * firewall refuses) is answered in the same shape as every other refusal.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String detail;
        if (find(error, RequestRejectedException.class) != null) {
            status = 400;
            detail = "the address holds something not allowed in a path (e.g. an encoded slash %2F, a double "
                    + "slash, a dot segment or a control character)";
        } else {
            detail = detail(status);
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        ProblemResponses.write(response, status, ProblemResponses.rule(status), null, detail,
                uri != null ? uri.toString() : null);
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: its address, line or headers are malformed";
            case 404 -> "there is nothing at this address";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request is too large";
            case 414 -> "the address is too long";
            case 431 -> "the request's headers are too large";
            default -> status >= 500 ? "the request could not be handled" : "the request was refused";
        };
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}

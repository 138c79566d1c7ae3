package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InputLimits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Refuses a path variable (an id, a code) holding text storage cannot hold or over
 * {@link InputLimits#MAX_PATH_VARIABLE} characters, naming the variable. It runs once the route is known (so it
 * can name the variable), which is after sign-in: without a token such a request is a 401 like any other.
 */
public class PathVariableCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> variable : map.entrySet()) {
                String name = String.valueOf(variable.getKey());
                String value = String.valueOf(variable.getValue());
                String wrong = TextRules.singleLine(value);
                if (wrong != null) {
                    throw new RejectedInputException(TextRules.INVALID_TEXT, name, wrong);
                }
                if (value.length() > InputLimits.MAX_PATH_VARIABLE) {
                    throw new RejectedInputException(TextRules.TOO_LONG, name,
                            "must be at most " + InputLimits.MAX_PATH_VARIABLE + " characters");
                }
            }
        }
        return true;
    }
}

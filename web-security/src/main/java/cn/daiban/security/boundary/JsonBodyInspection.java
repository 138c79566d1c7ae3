package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InputLimits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;

/**
 * Looks at every JSON request body of both applications before it is bound: every string at any depth (inside
 * lists and maps too), every property name and map key, the size of every list, set and map, against
 * {@link TextRules} and {@link InputLimits}, and that no list holds a null. A body that breaks one is refused with a
 * {@link RejectedInputException} naming its JSON path, before a command is built, so nothing is sent or stored.
 *
 * <p>Done on the JSON tree rather than in a Jackson deserializer so that it also covers text bound through value
 * objects' creators, map keys and the record types of both sides alike, and so that the application's
 * {@code ObjectMapper} — which also reads stored events — stays as it is: an event stored before these rules is
 * still read.
 */
@ControllerAdvice
public class JsonBodyInspection extends RequestBodyAdviceAdapter {

    private static final ObjectMapper TREE = new ObjectMapper();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] bytes;
        try (InputStream body = input.getBody()) {
            bytes = body.readNBytes(InputLimits.MAX_BODY_BYTES + 1);
        }
        if (bytes.length > InputLimits.MAX_BODY_BYTES) {
            throw new RejectedInputException(TextRules.TOO_LONG, "body",
                    "must be at most " + InputLimits.MAX_BODY_BYTES + " bytes");
        }
        JsonNode tree = null;
        try {
            tree = TREE.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            // Not JSON: the converter reads it again and answers what is wrong with it where.
        }
        if (tree != null && !tree.isMissingNode()) {
            inspect(tree, "", null);
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /**
     * @param path     JSON path of {@code node} ({@code client.name}, {@code needsAnalysis.steps[1]}), "" at the root
     * @param property the property name that holds {@code node} (for a list's elements: the list's)
     */
    static void inspect(JsonNode node, String path, String property) {
        String field = path.isEmpty() ? "body" : path;
        if (node.isTextual()) {
            String text = node.textValue();
            String wrong = TextRules.freeText(text);
            if (wrong != null) {
                throw new RejectedInputException(TextRules.INVALID_TEXT, field, wrong);
            }
            if (text.length() > InputLimits.MAX_BODY_TEXT) {
                throw new RejectedInputException(TextRules.TOO_LONG, field,
                        "must be at most " + InputLimits.MAX_BODY_TEXT + " characters");
            }
        } else if (node.isArray()) {
            int limit = InputLimits.items(property);
            if (node.size() > limit) {
                throw new RejectedInputException(TextRules.TOO_MANY, field,
                        "must hold at most " + limit + " entries, not " + node.size());
            }
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    throw new RejectedInputException(TextRules.INVALID_VALUE, path + "[" + i + "]",
                            "must be a value, not null: leave it out of the list");
                }
                inspect(node.get(i), path + "[" + i + "]", property);
            }
        } else if (node.isObject()) {
            int limit = InputLimits.items(property);
            if (node.size() > limit) {
                throw new RejectedInputException(TextRules.TOO_MANY, field,
                        "must hold at most " + limit + " entries, not " + node.size());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                String wrong = TextRules.singleLine(key);
                if (wrong != null) {
                    throw new RejectedInputException(TextRules.INVALID_TEXT, field, "has a key that " + wrong);
                }
                if (key.length() > InputLimits.MAX_KEY) {
                    throw new RejectedInputException(TextRules.TOO_LONG, field,
                            "has a key longer than " + InputLimits.MAX_KEY + " characters");
                }
                inspect(entry.getValue(), path.isEmpty() ? key : path + "." + key, key);
            }
        }
    }
}

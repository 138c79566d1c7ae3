package cn.daiban.security.boundary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Request bodies are JSON, read as what they say. Both applications:
 * <ul>
 *   <li>take bodies as JSON only. Jackson's other formats (YAML, which the API documentation's library brings, and
 *   any XML, CBOR or Smile) are not read: {@link JsonBodyInspection} checks the JSON text of a body, and a body in
 *   another format went past it to be read unchecked (a NUL in YAML reached the event store, then every view);</li>
 *   <li>not read a value as another JSON type than its own: no enum by its position ({@code "kind": 0}), no text
 *   from a number or a boolean, no true or false from a number, no date from a number, no whole number from a
 *   decimal ({@code "quarter": 1.5} was read as 1). Assumption: text still reads as a number or a yes/no where it
 *   says one ({@code "4"}, {@code "true"}), as before, and a yes/no or a number left out, or given as null, reads as
 *   false or 0 (Jackson cannot refuse the null without refusing the omission, which every request that leaves out
 *   an optional yes/no makes);</li>
 *   <li>refuse anything after the JSON value and a key given twice (the last one used to win silently);</li>
 *   <li>take dates and times from year {@value #FIRST_YEAR} to {@value #LAST_YEAR} only. Assumption: no date this
 *   service records (a matter's steps, a booking, a training, a calendar year) lies outside them; a year 0 read as
 *   a date reached the views, and their replays as of a moment could not read it back.</li>
 * </ul>
 * Only the readers of request bodies change: answers are written as before, and the application's
 * {@code ObjectMapper}, which also reads stored events, stays as it is.
 */
public final class StrictJsonReading implements WebMvcConfigurer {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2100;

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter instanceof AbstractJackson2HttpMessageConverter
                && !(converter instanceof MappingJackson2HttpMessageConverter));
        // A new converter in the list, not the shared one changed: Spring Boot hands the same instances to the
        // REST clients it builds, which read other services' answers as they come.
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter json) {
                MappingJackson2HttpMessageConverter strict = new MappingJackson2HttpMessageConverter(
                        strict(json.getObjectMapper()));
                strict.setSupportedMediaTypes(json.getSupportedMediaTypes());
                converters.set(i, strict);
            }
        }
    }

    /** A copy of {@code mapper} that reads as the class says; it writes as {@code mapper} does. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("daiban-dates-in-range").setDeserializerModifier(new DatesInRange()));
        return strict;
    }

    /** Wraps the reader of each date and time type with the check of its year. */
    static final class DatesInRange extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return type == LocalDate.class || type == Instant.class || type == OffsetDateTime.class
                    || type == ZonedDateTime.class || type == LocalDateTime.class || type == YearMonth.class
                    ? new YearInRange(deserializer) : deserializer;
        }
    }

    /** A date or time outside {@value #FIRST_YEAR}–{@value #LAST_YEAR}; answered as 400 naming the field. */
    public static final class YearOutOfRange extends InvalidFormatException {

        YearOutOfRange(JsonParser parser, String value, Class<?> type) {
            super(parser, "the year must be from " + FIRST_YEAR + " to " + LAST_YEAR, value, type);
        }
    }

    static final class YearInRange extends DelegatingDeserializer {

        YearInRange(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new YearInRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
                // Not a count of days or seconds since 1970 either (Jackson reads an instant from one whatever
                // its coercion settings).
                throw InvalidFormatException.from(parser, "a date or time is written as text", text,
                        handledType());
            }
            Object value = super.deserialize(parser, context);
            Integer year = year(value);
            if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
                throw new YearOutOfRange(parser, text, value.getClass());
            }
            return value;
        }

        static Integer year(Object value) {
            if (value instanceof LocalDate date) {
                return date.getYear();
            }
            if (value instanceof Instant instant) {
                // Outside what a date-time can hold at all, it is outside the range too.
                return instant.isBefore(Instant.parse("-999999-01-01T00:00:00Z"))
                        || instant.isAfter(Instant.parse("+999999-12-31T23:59:59Z"))
                        ? Integer.MIN_VALUE : instant.atOffset(ZoneOffset.UTC).getYear();
            }
            if (value instanceof OffsetDateTime time) {
                return time.getYear();
            }
            if (value instanceof ZonedDateTime time) {
                return time.getYear();
            }
            if (value instanceof LocalDateTime time) {
                return time.getYear();
            }
            if (value instanceof YearMonth month) {
                return month.getYear();
            }
            return null;
        }
    }
}
